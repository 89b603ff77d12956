package dev.hangar.engine.logs;

import dev.hangar.engine.redis.Keys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Build logs as runners add to them and people read them: live in Redis while the build may still
 * log, then in a file ({@link LogArchive}). Masking is the caller's: what reaches {@link #append}
 * is stored as it is.
 */
@Component
public class LogStore {

  private static final byte[] LENGTH = "length".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CLOSED = "closed".getBytes(StandardCharsets.US_ASCII);

  private final StringRedisTemplate redis;
  private final Keys keys;
  private final LogPositionScript positionScript;
  private final AppendLogScript appendScript;
  private final LogFiles files;
  private final long maxBytes;

  public LogStore(
      StringRedisTemplate redis,
      Keys keys,
      LogPositionScript positionScript,
      AppendLogScript appendScript,
      LogFiles files,
      LogSettings settings) {
    this.redis = redis;
    this.keys = keys;
    this.positionScript = positionScript;
    this.appendScript = appendScript;
    this.files = files;
    this.maxBytes = settings.logMaxBytes().toBytes();
  }

  /** Where the attempt's output stands, to mask the next chunk against. */
  public LogPosition position(String buildId, int attempt) {
    return positionScript.run(buildId, attempt);
  }

  /** Stores the chunk if the runner holds the live lease and the chunk is the next one. */
  public AppendOutcome append(LogAppend chunk) {
    return appendScript.run(chunk, maxBytes);
  }

  /**
   * Up to {@code max} bytes of the log from {@code from} (none for 0, which still says how long the
   * log is and whether it is complete): from Redis while the log is live, else from its file. A log
   * archived between the two reads is found in its file, which is written before Redis lets its
   * copy go.
   */
  public LogSlice read(String buildId, long from, int max) {
    byte[] stateKey = keys.logState(buildId).getBytes(StandardCharsets.UTF_8);
    byte[] logKey = keys.log(buildId).getBytes(StandardCharsets.UTF_8);
    List<byte[]> state =
        redis.execute(
            (RedisCallback<List<byte[]>>) c -> c.hashCommands().hMGet(stateKey, LENGTH, CLOSED));
    if (state != null && state.getFirst() != null) {
      long length = Long.parseLong(new String(state.getFirst(), StandardCharsets.US_ASCII));
      boolean closed = state.get(1) != null && state.get(1).length == 1 && state.get(1)[0] == '1';
      if (from >= length || max <= 0) {
        return new LogSlice(from, new byte[0], length, closed, true);
      }
      long last = Math.min(length, from + max) - 1;
      byte[] bytes =
          redis.execute(
              (RedisCallback<byte[]>) c -> c.stringCommands().getRange(logKey, from, last));
      if (bytes != null && bytes.length > 0) {
        return new LogSlice(from, bytes, length, closed, true);
      }
    }
    try {
      return files.read(buildId, from, max).orElseGet(() -> LogSlice.none(from));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the log of " + buildId, e);
    }
  }
}
