package dev.hangar.engine.retention;

import dev.hangar.engine.redis.Keys;
import dev.hangar.engine.redis.RedisClock;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Deletes what ended builds keep once it expires (a dispatcher runs it on a timer). The retention
 * index holds each ended build by the time its data expires; the sweep takes due builds in batches
 * and for each deletes every kind of data ({@link ExpiringBuildData}), then marks the build expired
 * and drops it from the index, in that order: a sweep stopped anywhere, or a deletion that fails,
 * leaves the build in the index for the next pass, and the sweep goes on with the others.
 */
@Component
public class RetentionSweep {

  private static final Logger log = LoggerFactory.getLogger(RetentionSweep.class);
  static final int BATCH = 200;

  private final StringRedisTemplate redis;
  private final Keys keys;
  private final RedisClock clock;
  private final List<ExpiringBuildData> data;
  private final ExpireBuildScript expireScript;

  public RetentionSweep(
      StringRedisTemplate redis,
      Keys keys,
      RedisClock clock,
      List<ExpiringBuildData> data,
      ExpireBuildScript expireScript) {
    this.redis = redis;
    this.keys = keys;
    this.clock = clock;
    this.data = List.copyOf(data);
    this.expireScript = expireScript;
  }

  /** Expires every build due by now; returns how many. */
  public int sweep() {
    long now = clock.nowMillis();
    int expired = 0;
    int failed = 0;
    while (true) {
      // Builds that failed stay in the index ahead of the rest: skip them, or each batch would
      // meet them again.
      Set<String> due =
          redis
              .opsForZSet()
              .rangeByScore(keys.retention(), Double.NEGATIVE_INFINITY, now, failed, BATCH);
      if (due == null || due.isEmpty()) {
        break;
      }
      for (String buildId : due) {
        if (expire(buildId)) {
          expired++;
        } else {
          failed++;
        }
      }
      if (due.size() < BATCH) {
        break;
      }
    }
    if (expired > 0 || failed > 0) {
      log.info(
          "expired the logs and artifacts of {} builds past their retention; {} failed, left for"
              + " the next pass",
          expired,
          failed);
    }
    return expired;
  }

  private boolean expire(String buildId) {
    try {
      for (ExpiringBuildData kept : data) {
        kept.expire(buildId);
      }
    } catch (IOException | RuntimeException e) {
      log.warn(
          "could not delete the data of {} past its retention, retrying next pass: {}",
          buildId,
          e.toString());
      return false;
    }
    expireScript.run(buildId);
    return true;
  }
}
