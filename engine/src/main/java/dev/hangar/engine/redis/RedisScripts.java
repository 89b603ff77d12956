package dev.hangar.engine.redis;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.stereotype.Component;

/**
 * Runs scripts through the process's Redis connection: {@code EVALSHA}, falling back to {@code
 * EVAL} when a Redis restart flushed the script cache.
 */
@Component
public class RedisScripts implements ScriptRunner {

  /** Text as UTF-8, bytes (a log chunk) as they are. */
  private static final RedisSerializer<Object> ARGUMENTS =
      new RedisSerializer<>() {
        @Override
        public byte[] serialize(Object value) {
          return value instanceof byte[] bytes
              ? bytes
              : value.toString().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public Object deserialize(byte[] bytes) {
          return bytes;
        }
      };

  /** Every element of a reply as text, as the scripts return only text and numbers. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static final RedisSerializer<List> REPLY = (RedisSerializer) RedisSerializer.string();

  private final StringRedisTemplate redis;

  public RedisScripts(StringRedisTemplate redis) {
    this.redis = redis;
  }

  @Override
  @SuppressWarnings("unchecked")
  public Reply run(LuaScript script, List<String> keys, List<?> args) {
    List<Object> values =
        (List<Object>)
            redis.execute(
                script.redisScript(), ARGUMENTS, REPLY, keys, args.toArray(Object[]::new));
    // Every reply is read as a multi-bulk, so a script's top-level nil arrives as a list holding
    // one null.
    return new Reply(
        values != null && values.size() == 1 && values.getFirst() == null ? null : values);
  }
}
