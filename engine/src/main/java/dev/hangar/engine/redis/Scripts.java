package dev.hangar.engine.redis;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Runs a script and hands back its raw reply, for callers not yet behind a typed script type. */
@Component
public class Scripts {

  private final ScriptRunner runner;

  public Scripts(ScriptRunner runner) {
    this.runner = runner;
  }

  /**
   * Runs a script; Lua integers come back as {@code Long}, strings as {@code String}, nil as null.
   */
  public List<Object> run(LuaScript script, List<String> keys, Object... args) {
    return runner.run(script, keys, args).values();
  }

  /**
   * A hash read inside a script ({@code HGETALL}'s flat field, value, field, value … list) as a
   * map.
   */
  public static Map<String, String> hash(List<String> flat) {
    Map<String, String> fields = new HashMap<>();
    for (int i = 0; i + 1 < flat.size(); i += 2) {
      fields.put(flat.get(i), flat.get(i + 1));
    }
    return fields;
  }
}
