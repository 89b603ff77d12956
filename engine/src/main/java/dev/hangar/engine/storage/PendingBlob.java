package dev.hangar.engine.storage;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A blob being written: bytes go to {@link #out()}, and only {@link #commit()} makes them the blob.
 * {@link #close()} without a commit throws the bytes away, so {@code try (PendingBlob b = ...)}
 * leaves nothing behind whatever fails halfway.
 */
public interface PendingBlob extends AutoCloseable {

  OutputStream out();

  /** Makes what was written visible under the key, replacing any blob there, in one step. */
  void commit() throws IOException;

  /** Discards what was written unless it was committed. */
  @Override
  void close() throws IOException;
}
