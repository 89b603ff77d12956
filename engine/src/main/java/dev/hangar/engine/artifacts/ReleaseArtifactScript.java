package dev.hangar.engine.artifacts;

import dev.hangar.engine.redis.EngineScripts;
import dev.hangar.engine.redis.Keys;
import dev.hangar.engine.redis.LuaScript;
import dev.hangar.engine.redis.ScriptRunner;
import java.util.List;
import org.springframework.stereotype.Component;

/** {@code release_artifact.lua}: ends the reservation of an upload that failed. */
@Component
public class ReleaseArtifactScript {

  private static final LuaScript SCRIPT = EngineScripts.load("release_artifact");

  private final ScriptRunner scripts;
  private final Keys keys;

  public ReleaseArtifactScript(ScriptRunner scripts, Keys keys) {
    this.scripts = scripts;
    this.keys = keys;
  }

  public void run(ArtifactUpload upload) {
    scripts.run(SCRIPT, List.of(keys.artifactSpace(upload.buildId())), upload.uploadId());
  }
}
