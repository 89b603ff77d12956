package dev.hangar.engine.artifacts;

import dev.hangar.engine.redis.EngineScripts;
import dev.hangar.engine.redis.Keys;
import dev.hangar.engine.redis.LuaScript;
import dev.hangar.engine.redis.ScriptRunner;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;

/** {@code reserve_artifact.lua}: checks the lease and reserves the upload's size in one step. */
@Component
public class ReserveArtifactScript {

  private static final LuaScript SCRIPT = EngineScripts.load("reserve_artifact");

  private final ScriptRunner scripts;
  private final Keys keys;

  public ReserveArtifactScript(ScriptRunner scripts, Keys keys) {
    this.scripts = scripts;
    this.keys = keys;
  }

  public ArtifactOutcome run(ArtifactUpload upload, long maxBuildBytes, Duration hold) {
    String id = upload.buildId();
    return ArtifactReplies.outcome(
        scripts.run(
            SCRIPT,
            List.of(keys.build(id), keys.artifacts(id), keys.artifactSpace(id)),
            upload.runnerId(),
            upload.attempt(),
            upload.name(),
            upload.size(),
            maxBuildBytes,
            upload.uploadId(),
            hold.toMillis()));
  }
}
