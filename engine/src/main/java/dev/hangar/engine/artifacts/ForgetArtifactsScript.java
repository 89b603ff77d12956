package dev.hangar.engine.artifacts;

import dev.hangar.engine.redis.EngineScripts;
import dev.hangar.engine.redis.Keys;
import dev.hangar.engine.redis.LuaScript;
import dev.hangar.engine.redis.ScriptRunner;
import java.util.List;
import org.springframework.stereotype.Component;

/** {@code forget_artifacts.lua}: drops a build's artifact listing, its space and index entry. */
@Component
public class ForgetArtifactsScript {

  private static final LuaScript SCRIPT = EngineScripts.load("forget_artifacts");

  private final ScriptRunner scripts;
  private final Keys keys;

  public ForgetArtifactsScript(ScriptRunner scripts, Keys keys) {
    this.scripts = scripts;
    this.keys = keys;
  }

  public void run(String buildId) {
    scripts.run(SCRIPT, List.of(keys.artifacts(buildId), keys.artifactSpace(buildId)));
  }
}
