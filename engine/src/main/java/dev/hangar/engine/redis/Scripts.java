package dev.hangar.engine.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * The Lua scripts in {@code scripts/}, each one atomic step on Hangar's state, loaded once with the
 * shared {@code _lib.lua} in front and called by name (EVALSHA, falling back to EVAL after a Redis
 * restart flushed the script cache).
 */
@Component
public class Scripts {

  private final StringRedisTemplate redis;
  private final String library;
  private final Map<String, RedisScript<List>> loaded = new ConcurrentHashMap<>();

  public Scripts(StringRedisTemplate redis) {
    this.redis = redis;
    this.library = read("_lib");
  }

  /**
   * Runs a script; Lua integers come back as {@code Long}, strings as {@code String}, nil as null.
   */
  @SuppressWarnings("unchecked")
  public List<Object> run(String name, List<String> keys, Object... args) {
    RedisScript<List> script =
        loaded.computeIfAbsent(
            name, n -> new DefaultRedisScript<>(library + "\n" + read(n), List.class));
    String[] textArgs = new String[args.length];
    for (int i = 0; i < args.length; i++) {
      textArgs[i] = args[i] == null ? "" : args[i].toString();
    }
    List<Object> result = (List<Object>) redis.execute(script, keys, (Object[]) textArgs);
    // A script's top-level nil arrives as a one-element list holding null (Lettuce reads every
    // reply of a List script as a multi-bulk); callers test for null, as this method promises.
    return result != null && result.size() == 1 && result.getFirst() == null ? null : result;
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

  private static String read(String name) {
    try {
      return new ClassPathResource("scripts/" + name + ".lua")
          .getContentAsString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("missing script " + name, e);
    }
  }
}
