package dev.hangar.engine.logs;

import dev.hangar.engine.redis.Keys;
import dev.hangar.engine.retention.ExpiringBuildData;
import java.io.IOException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * A build's log, as retention deletes it: its file. A log still in Redis is being archived, or its
 * archiving keeps failing; deleting the file meanwhile would let the archiver write it again after
 * the build was marked expired, so the build waits for the next pass, when the log is in its file.
 */
@Component
public class LogExpiry implements ExpiringBuildData {

  private final StringRedisTemplate redis;
  private final Keys keys;
  private final LogFiles files;

  public LogExpiry(StringRedisTemplate redis, Keys keys, LogFiles files) {
    this.redis = redis;
    this.keys = keys;
    this.files = files;
  }

  @Override
  public void expire(String buildId) throws IOException {
    if (Boolean.TRUE.equals(redis.opsForSet().isMember(keys.liveLogs(), buildId))) {
      throw new IOException("its log is not archived yet");
    }
    files.delete(buildId);
  }
}
