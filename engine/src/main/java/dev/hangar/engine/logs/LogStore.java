package dev.hangar.engine.logs;

import dev.hangar.engine.redis.Keys;
import dev.hangar.engine.storage.BlobStat;
import dev.hangar.engine.storage.BlobStore;
import dev.hangar.engine.storage.NoSuchBlobException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Build logs as runners add to them and people read them: live in Redis while the build may still
 * log, then in the blob store ({@link LogArchive}). Masking is the caller's: what reaches {@link
 * #append} is stored as it is.
 */
@Component
public class LogStore {

  private static final byte[] LENGTH = "length".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CLOSED = "closed".getBytes(StandardCharsets.US_ASCII);

  private final StringRedisTemplate redis;
  private final Keys keys;
  private final LogPositionScript positionScript;
  private final AppendLogScript appendScript;
  private final BlobStore store;
  private final long maxBytes;

  public LogStore(
      StringRedisTemplate redis,
      Keys keys,
      LogPositionScript positionScript,
      AppendLogScript appendScript,
      BlobStore store,
      LogSettings settings) {
    this.redis = redis;
    this.keys = keys;
    this.positionScript = positionScript;
    this.appendScript = appendScript;
    this.store = store;
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
   * log is and whether it is complete): from Redis while the log is live, else a range of its blob.
   * A log archived between the two reads is found in the store, where it is committed before Redis
   * lets its copy go.
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
      return archived(buildId, from, max);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the log of " + buildId, e);
    }
  }

  private LogSlice archived(String buildId, long from, int max) throws IOException {
    String key = LogArchive.blobKey(buildId);
    Optional<BlobStat> stat = store.stat(key);
    if (stat.isEmpty()) {
      return LogSlice.none(from);
    }
    long length = stat.get().size();
    int wanted = (int) Math.max(0, Math.min(max, length - from));
    if (wanted == 0) {
      return new LogSlice(from, new byte[0], length, true, true);
    }
    try (InputStream in = store.read(key, from, wanted)) {
      return new LogSlice(from, in.readNBytes(wanted), length, true, true);
    } catch (NoSuchBlobException deletedMeanwhile) {
      return LogSlice.none(from);
    }
  }
}
