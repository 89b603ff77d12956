package dev.hangar.engine.signals;

import dev.hangar.engine.HangarProperties;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Set;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * "Work available in class K", broadcast to every api-service instance over Redis pub/sub once the
 * broker has confirmed a publish, so runners waiting in a long-poll anywhere are woken at once.
 * Pub/sub is fire-and-forget: waiters also recheck on a timer, so a lost signal delays a build by
 * at most that period and never strands it.
 */
@Component
public class WorkSignals {

  private final StringRedisTemplate redis;
  private final String channel;

  public WorkSignals(StringRedisTemplate redis, HangarProperties properties) {
    this.redis = redis;
    this.channel = channel(properties.namespace());
  }

  public static String channel(String namespace) {
    return namespace + ":work-available";
  }

  public String channel() {
    return channel;
  }

  /** Announces the classes in one round trip. */
  public void announce(Collection<String> classKeys) {
    Set<String> distinct = Set.copyOf(classKeys);
    if (distinct.isEmpty()) {
      return;
    }
    byte[] name = channel.getBytes(StandardCharsets.UTF_8);
    redis.executePipelined(
        (RedisCallback<Object>)
            (RedisConnection connection) -> {
              distinct.forEach(key -> connection.publish(name, key.getBytes(StandardCharsets.UTF_8)));
              return null;
            });
  }
}
