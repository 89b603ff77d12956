package dev.hangar.engine.storage;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Where files too big for Redis are kept: build artifacts and finished build logs. One
 * implementation per kind of storage (a directory, S3-compatible object storage); callers never
 * learn which. Keys are relative, {@code /}-separated paths built by Hangar itself (never by a
 * client) and scoped to the namespace by the store; every store refuses a malformed one with {@link
 * BlobKeys#require} before it touches anything.
 *
 * <p>A blob becomes visible only when its writer commits it whole, so a reader, a listing or a
 * crashed writer never meets half a file, and writing a key again replaces it in one step.
 */
public interface BlobStore {

  /**
   * Starts writing {@code key}. Nothing is visible under {@code key} until {@link
   * PendingBlob#commit()}; closing the pending blob without committing discards what was written.
   */
  PendingBlob create(String key) throws IOException;

  /** Size and modification time of a committed blob; empty when there is none. */
  Optional<BlobStat> stat(String key) throws IOException;

  /**
   * {@code length} bytes of {@code key} from {@code offset}, streamed; the caller closes the
   * stream.
   *
   * @throws NoSuchBlobException when there is no such blob (anymore)
   */
  InputStream read(String key, long offset, long length) throws IOException;

  /** Removes {@code key}; removing what is not there is not an error. */
  void delete(String key) throws IOException;

  /** Removes every blob whose key starts with {@code prefix} followed by {@code /}. */
  void deleteAll(String prefix) throws IOException;
}
