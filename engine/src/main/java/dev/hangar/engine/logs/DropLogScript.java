package dev.hangar.engine.logs;

import dev.hangar.engine.redis.EngineScripts;
import dev.hangar.engine.redis.Keys;
import dev.hangar.engine.redis.LuaScript;
import dev.hangar.engine.redis.ScriptRunner;
import java.util.List;
import org.springframework.stereotype.Component;

/** {@code drop_log.lua}: removes an archived log's Redis copy. */
@Component
public class DropLogScript {

  private static final LuaScript SCRIPT = EngineScripts.load("drop_log");

  private final ScriptRunner scripts;
  private final Keys keys;

  public DropLogScript(ScriptRunner scripts, Keys keys) {
    this.scripts = scripts;
    this.keys = keys;
  }

  public void run(String buildId) {
    scripts.run(
        SCRIPT, List.of(keys.log(buildId), keys.logState(buildId), keys.liveLogs()), buildId);
  }
}
