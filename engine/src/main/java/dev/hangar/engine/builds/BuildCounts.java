package dev.hangar.engine.builds;

import dev.hangar.engine.redis.Keys;
import dev.hangar.model.BuildStatus;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * How many builds are in each status, as the scripts that move builds count them (one increment per
 * move, in the same step): one hash read, however many builds there are. Builds recorded before the
 * counts existed are not in them.
 */
@Component
public class BuildCounts {

  private final StringRedisTemplate redis;
  private final Keys keys;

  public BuildCounts(StringRedisTemplate redis, Keys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  /** Every status, those no build is in at 0. */
  public Map<BuildStatus, Long> byStatus() {
    Map<Object, Object> stored = redis.opsForHash().entries(keys.buildCounts());
    Map<BuildStatus, Long> counts = new EnumMap<>(BuildStatus.class);
    for (BuildStatus status : BuildStatus.values()) {
      Object count = stored.get(status.wire());
      counts.put(status, count == null ? 0L : Long.parseLong(count.toString()));
    }
    return counts;
  }
}
