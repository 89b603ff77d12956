package dev.hangar.engine.logs;

import dev.hangar.engine.redis.Keys;
import dev.hangar.engine.retention.ExpiringBuildData;
import dev.hangar.engine.storage.BlobStore;
import java.io.IOException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * A build's log, as retention deletes it: its blob. A log still in Redis is being archived, or its
 * archiving keeps failing; deleting the blob meanwhile would let the archiver write it again after
 * the build was marked expired, so the build waits for the next pass, when the log is in the store.
 */
@Component
public class LogExpiry implements ExpiringBuildData {

  private final StringRedisTemplate redis;
  private final Keys keys;
  private final BlobStore store;

  public LogExpiry(StringRedisTemplate redis, Keys keys, BlobStore store) {
    this.redis = redis;
    this.keys = keys;
    this.store = store;
  }

  @Override
  public void expire(String buildId) throws IOException {
    if (Boolean.TRUE.equals(redis.opsForSet().isMember(keys.liveLogs(), buildId))) {
      throw new IOException("its log is not archived yet");
    }
    store.delete(LogArchive.blobKey(buildId));
  }
}
