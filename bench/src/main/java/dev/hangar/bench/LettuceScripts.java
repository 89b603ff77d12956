package dev.hangar.bench;

import dev.hangar.engine.redis.LuaScript;
import dev.hangar.engine.redis.Reply;
import dev.hangar.engine.redis.ScriptRunner;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.List;

/**
 * Runs the engine's scripts on a Lettuce connection of the floor's own, as Hangar's runner does on
 * its shared one ({@code EVALSHA}, {@code EVAL} when Redis lacks the script), without Spring's
 * template: the floor measures what Redis and the broker cost, not a client stack.
 */
final class LettuceScripts implements ScriptRunner {

  private final RedisCommands<String, String> redis;

  LettuceScripts(RedisCommands<String, String> redis) {
    this.redis = redis;
  }

  @Override
  public Reply run(LuaScript script, List<String> keys, List<?> args) {
    String[] keyArray = keys.toArray(String[]::new);
    // The floor's claim script takes text only; this connection's codec is text.
    String[] argArray = args.stream().map(String.class::cast).toArray(String[]::new);
    List<Object> values;
    try {
      values = redis.evalsha(script.sha1(), ScriptOutputType.MULTI, keyArray, argArray);
    } catch (RedisNoScriptException notLoaded) {
      values = redis.eval(script.text(), ScriptOutputType.MULTI, keyArray, argArray);
    }
    return new Reply(
        values == null || values.size() == 1 && values.getFirst() == null ? null : values);
  }
}
