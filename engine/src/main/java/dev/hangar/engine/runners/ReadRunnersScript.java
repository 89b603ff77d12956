package dev.hangar.engine.runners;

import dev.hangar.engine.redis.EngineScripts;
import dev.hangar.engine.redis.Keys;
import dev.hangar.engine.redis.LuaScript;
import dev.hangar.engine.redis.Reply;
import dev.hangar.engine.redis.ScriptRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** {@code read_runners.lua}: reads a batch of runners and their jobs in one round trip. */
@Component
public class ReadRunnersScript {

  private static final LuaScript SCRIPT = EngineScripts.load("read_runners");

  private final ScriptRunner scripts;
  private final Keys keys;

  public ReadRunnersScript(ScriptRunner scripts, Keys keys) {
    this.scripts = scripts;
    this.keys = keys;
  }

  /** The runners among {@code runnerIds} that still exist, in the same order. */
  public List<StoredRunner> run(List<String> runnerIds) {
    List<Object> args = new ArrayList<>(runnerIds.size() + 1);
    args.add(keys.prefix());
    args.addAll(runnerIds);
    Reply reply = scripts.run(SCRIPT, List.of(), args.toArray());
    List<StoredRunner> runners = new ArrayList<>();
    for (int i = 0; i < reply.size(); i++) {
      Reply runner = reply.reply(i);
      Map<String, String> f = runner.hash(0);
      if (!f.isEmpty()) {
        runners.add(
            new StoredRunner(
                f.get("id"),
                f.get("name"),
                f.get("capabilities"),
                "1".equals(f.get("draining")),
                f.get("registered_by"),
                Long.parseLong(f.get("last_contact_at")),
                Long.parseLong(f.get("created_at")),
                Long.parseLong(f.get("updated_at")),
                runner.texts(1).stream().sorted().toList()));
      }
    }
    return runners;
  }
}
