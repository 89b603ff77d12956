package dev.hangar.engine.redis;

import java.util.List;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Runs scripts through the process's Redis connection: {@code EVALSHA}, falling back to {@code
 * EVAL} when a Redis restart flushed the script cache.
 */
@Component
public class RedisScripts implements ScriptRunner {

  private final StringRedisTemplate redis;

  public RedisScripts(StringRedisTemplate redis) {
    this.redis = redis;
  }

  @Override
  @SuppressWarnings("unchecked")
  public Reply run(LuaScript script, List<String> keys, List<String> args) {
    List<Object> values =
        (List<Object>) redis.execute(script.redisScript(), keys, args.toArray(Object[]::new));
    // Every reply is read as a multi-bulk, so a script's top-level nil arrives as a list holding
    // one null.
    return new Reply(
        values != null && values.size() == 1 && values.getFirst() == null ? null : values);
  }
}
