package dev.hangar.engine.redis;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs Lua scripts on Redis. Only the typed script types call it, each naming its script's keys and
 * arguments and reading the {@link Reply}; everything else calls those types.
 */
public interface ScriptRunner {

  /** Runs {@code script} with these keys and arguments, all sent as text. */
  Reply run(LuaScript script, List<String> keys, List<String> args);

  /**
   * The same, with arguments turned to text: numbers in decimal, null as the empty string (which
   * the scripts read as "not given").
   */
  default Reply run(LuaScript script, List<String> keys, Object... args) {
    List<String> text = new ArrayList<>(args.length);
    for (Object arg : args) {
      text.add(arg == null ? "" : arg.toString());
    }
    return run(script, keys, text);
  }
}
