package dev.hangar.engine.redis;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs Lua scripts on Redis. Only the typed script types call it, each naming its script's keys and
 * arguments and reading the {@link Reply}; everything else calls those types.
 */
public interface ScriptRunner {

  /**
   * Runs {@code script} with these keys and arguments: each argument text ({@code String}), or
   * bytes ({@code byte[]}, such as a log chunk), which reach Redis as they are.
   */
  Reply run(LuaScript script, List<String> keys, List<?> args);

  /**
   * The same, with arguments other than bytes turned to text: numbers in decimal, null as the empty
   * string (which the scripts read as "not given").
   */
  default Reply run(LuaScript script, List<String> keys, Object... args) {
    List<Object> values = new ArrayList<>(args.length);
    for (Object arg : args) {
      values.add(arg == null ? "" : arg instanceof byte[] bytes ? bytes : arg.toString());
    }
    return run(script, keys, values);
  }
}
