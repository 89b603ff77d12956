package dev.hangar.engine.logs;

import dev.hangar.engine.redis.EngineScripts;
import dev.hangar.engine.redis.Keys;
import dev.hangar.engine.redis.LuaScript;
import dev.hangar.engine.redis.Reply;
import dev.hangar.engine.redis.ScriptRunner;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** {@code finished_logs.lua}: finished builds whose log is still in Redis. */
@Component
public class FinishedLogsScript {

  private static final LuaScript SCRIPT = EngineScripts.load("finished_logs");

  private final ScriptRunner scripts;
  private final Keys keys;

  public FinishedLogsScript(ScriptRunner scripts, Keys keys) {
    this.scripts = scripts;
    this.keys = keys;
  }

  public List<String> run(int batch) {
    Reply reply = scripts.run(SCRIPT, List.of(keys.liveLogs()), keys.prefix(), batch);
    List<String> ids = new ArrayList<>();
    for (int i = 0; !reply.isNil() && i < reply.size(); i++) {
      ids.add(reply.text(i));
    }
    return ids;
  }
}
