package dev.hangar.engine.logs;

import dev.hangar.engine.redis.EngineScripts;
import dev.hangar.engine.redis.Keys;
import dev.hangar.engine.redis.LuaScript;
import dev.hangar.engine.redis.ScriptRunner;
import java.util.List;
import org.springframework.stereotype.Component;

/** {@code forget_logs.lua}: drops deleted logs from the retention index. */
@Component
public class ForgetLogsScript {

  private static final LuaScript SCRIPT = EngineScripts.load("forget_logs");

  private final ScriptRunner scripts;
  private final Keys keys;

  public ForgetLogsScript(ScriptRunner scripts, Keys keys) {
    this.scripts = scripts;
    this.keys = keys;
  }

  public void run(List<String> buildIds) {
    scripts.run(SCRIPT, List.of(keys.archivedLogs()), buildIds);
  }
}
