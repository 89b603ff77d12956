package dev.hangar.engine.logs;

import dev.hangar.engine.redis.Keys;
import dev.hangar.engine.storage.BlobStore;
import dev.hangar.engine.storage.PendingBlob;
import dev.hangar.engine.support.Ids;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Moves finished builds' logs from Redis to the blob store ({@code logs/<build>.log}, a file or an
 * S3 object), so Redis holds only the logs of builds that may still log (retention deletes them:
 * {@link LogExpiry}). Every step is idempotent: the log is closed, committed to the store, and only
 * then removed from Redis, so whoever archives a log (the instance that saw its build end, any
 * dispatcher's sweep) may stop anywhere and another finishes the job.
 */
@Component
public class LogArchive {

  private static final Logger log = LoggerFactory.getLogger(LogArchive.class);
  static final int BATCH = 200;

  private final StringRedisTemplate redis;
  private final Keys keys;
  private final CloseLogScript closeScript;
  private final DropLogScript dropScript;
  private final FinishedLogsScript finishedScript;
  private final BlobStore store;

  public LogArchive(
      StringRedisTemplate redis,
      Keys keys,
      CloseLogScript closeScript,
      DropLogScript dropScript,
      FinishedLogsScript finishedScript,
      BlobStore store) {
    this.redis = redis;
    this.keys = keys;
    this.closeScript = closeScript;
    this.dropScript = dropScript;
    this.finishedScript = finishedScript;
    this.store = store;
  }

  /**
   * Archives the log of a build that has finished (and tells its followers it ended); does nothing
   * while the build may still log. False in that case.
   */
  public boolean archive(String buildId) throws IOException {
    if (closeScript.run(buildId).isEmpty()) {
      return false;
    }
    byte[] key = keys.log(buildId).getBytes(StandardCharsets.UTF_8);
    byte[] stored = redis.execute((RedisCallback<byte[]>) c -> c.stringCommands().get(key));
    // None: the build logged nothing, or another archiver got here first and stored it.
    if (stored != null) {
      try (PendingBlob blob = store.create(blobKey(buildId))) {
        blob.out().write(stored);
        blob.commit();
      }
    }
    dropScript.run(buildId);
    return true;
  }

  /** A build's archived log in the store; build ids only, so no text from outside names a blob. */
  public static String blobKey(String buildId) {
    if (!Ids.looksLike("build", buildId)) {
      throw new IllegalArgumentException("not a build id");
    }
    return "logs/" + buildId + ".log";
  }

  /** Archives finished builds' logs that are still in Redis; returns how many. */
  public int sweep() {
    int archived = 0;
    for (String buildId : finishedScript.run(BATCH)) {
      try {
        if (archive(buildId)) {
          archived++;
        }
      } catch (IOException | RuntimeException e) {
        log.warn("could not archive the log of {}, retrying next pass: {}", buildId, e.toString());
      }
    }
    if (archived > 0) {
      log.info("archived {} finished builds' logs that were still in Redis", archived);
    }
    return archived;
  }
}
