package dev.hangar.engine.redis;

import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Redis's clock, the one every deadline and contact time is written with (ARCHITECTURE.md rule 4).
 */
@Component
public class RedisClock {

  private final StringRedisTemplate redis;

  public RedisClock(StringRedisTemplate redis) {
    this.redis = redis;
  }

  public long nowMillis() {
    Long now =
        redis.execute((RedisCallback<Long>) connection -> connection.serverCommands().time());
    return now == null ? System.currentTimeMillis() : now;
  }
}
