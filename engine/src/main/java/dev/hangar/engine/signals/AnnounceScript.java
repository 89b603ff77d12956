package dev.hangar.engine.signals;

import dev.hangar.engine.redis.EngineScripts;
import dev.hangar.engine.redis.LuaScript;
import dev.hangar.engine.redis.ScriptRunner;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.stereotype.Component;

/** {@code announce.lua}: publishes a work signal for each class in one round trip. */
@Component
public class AnnounceScript {

  private static final LuaScript SCRIPT = EngineScripts.load("announce");

  private final ScriptRunner scripts;

  public AnnounceScript(ScriptRunner scripts) {
    this.scripts = scripts;
  }

  public void run(String channel, Collection<String> classKeys) {
    List<Object> args = new ArrayList<>(classKeys.size() + 1);
    args.add(channel);
    args.addAll(classKeys);
    scripts.run(SCRIPT, List.of(), args.toArray());
  }
}
