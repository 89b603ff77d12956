package dev.hangar.engine.logs;

import dev.hangar.engine.redis.Keys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Moves finished builds' logs from Redis to their files, so Redis holds only the logs of builds
 * that may still log. Every step is idempotent: the log is closed, written to its file, and only
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
  private final LogFiles files;

  public LogArchive(
      StringRedisTemplate redis,
      Keys keys,
      CloseLogScript closeScript,
      DropLogScript dropScript,
      FinishedLogsScript finishedScript,
      LogFiles files) {
    this.redis = redis;
    this.keys = keys;
    this.closeScript = closeScript;
    this.dropScript = dropScript;
    this.finishedScript = finishedScript;
    this.files = files;
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
    // None: the build logged nothing, or another archiver got here first and wrote the file.
    if (stored != null) {
      files.write(buildId, stored);
    }
    dropScript.run(buildId);
    return true;
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
