package dev.hangar.engine.artifacts;

import dev.hangar.engine.redis.EngineScripts;
import dev.hangar.engine.redis.Keys;
import dev.hangar.engine.redis.LuaScript;
import dev.hangar.engine.redis.ScriptRunner;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code record_artifact.lua}: lists an upload that arrived whole, checking the lease and the
 * build's limit again in the same step.
 */
@Component
public class RecordArtifactScript {

  private static final LuaScript SCRIPT = EngineScripts.load("record_artifact");

  private final ScriptRunner scripts;
  private final Keys keys;

  public RecordArtifactScript(ScriptRunner scripts, Keys keys) {
    this.scripts = scripts;
    this.keys = keys;
  }

  public ArtifactOutcome run(
      ArtifactUpload upload, String sha256, String contentType, long maxBuildBytes) {
    String id = upload.buildId();
    return ArtifactReplies.outcome(
        scripts.run(
            SCRIPT,
            List.of(keys.build(id), keys.artifacts(id), keys.artifactSpace(id)),
            id,
            upload.runnerId(),
            upload.attempt(),
            upload.name(),
            upload.uploadId(),
            upload.size(),
            sha256,
            contentType,
            upload.blob(),
            maxBuildBytes));
  }
}
