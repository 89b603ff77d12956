package dev.hangar.engine.retention;

import dev.hangar.engine.redis.EngineScripts;
import dev.hangar.engine.redis.Keys;
import dev.hangar.engine.redis.LuaScript;
import dev.hangar.engine.redis.ScriptRunner;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code expire_build.lua}: marks a build whose kept data is deleted as expired and takes it out of
 * the retention index.
 */
@Component
public class ExpireBuildScript {

  private static final LuaScript SCRIPT = EngineScripts.load("expire_build");

  private final ScriptRunner scripts;
  private final Keys keys;

  public ExpireBuildScript(ScriptRunner scripts, Keys keys) {
    this.scripts = scripts;
    this.keys = keys;
  }

  public void run(String buildId) {
    scripts.run(SCRIPT, List.of(keys.build(buildId), keys.retention()), buildId);
  }
}
