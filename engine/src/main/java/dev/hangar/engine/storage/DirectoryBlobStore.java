package dev.hangar.engine.storage;

import dev.hangar.engine.logs.LogSettings;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Blobs as files under one directory, a key's segments its path. A pending blob is a file beside
 * its target named with a leading dot (which no key can name), so it lives on the same file system
 * and its commit is one atomic rename; it is forced to disk before the rename, so a crash never
 * leaves a committed key holding less than was written.
 */
public final class DirectoryBlobStore implements BlobStore {

  private static final int BUFFER = 64 * 1024;

  private final Path root;

  public DirectoryBlobStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** Where a namespace's blobs go: {@code HANGAR_DATA_DIR/blobs/<namespace>}. */
  public static Path root(LogSettings data, String namespace) {
    return data.dataDir().resolve("blobs").resolve(namespace);
  }

  @Override
  public PendingBlob create(String key) throws IOException {
    Path target = path(key);
    for (int tries = 1; ; tries++) {
      Files.createDirectories(target.getParent());
      try {
        Path pending =
            Files.createTempFile(target.getParent(), "." + target.getFileName(), ".pending");
        return new PendingFile(pending, target);
      } catch (NoSuchFileException prunedMeanwhile) {
        // a delete removed the directory as it became empty, between the two calls
        if (tries == 3) {
          throw prunedMeanwhile;
        }
      }
    }
  }

  @Override
  public Optional<BlobStat> stat(String key) throws IOException {
    try {
      BasicFileAttributes attributes = Files.readAttributes(path(key), BasicFileAttributes.class);
      return attributes.isRegularFile()
          ? Optional.of(new BlobStat(attributes.size(), attributes.lastModifiedTime().toMillis()))
          : Optional.empty();
    } catch (NoSuchFileException absent) {
      return Optional.empty();
    }
  }

  @Override
  public InputStream read(String key, long offset, long length) throws IOException {
    if (offset < 0 || length < 0) {
      throw new IllegalArgumentException("offset and length must not be negative");
    }
    FileChannel channel;
    try {
      channel = FileChannel.open(path(key), StandardOpenOption.READ);
    } catch (NoSuchFileException absent) {
      throw new NoSuchBlobException(key);
    }
    try {
      channel.position(offset);
      return new Bounded(Channels.newInputStream(channel), length);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  @Override
  public void delete(String key) throws IOException {
    Path file = path(key);
    Files.deleteIfExists(file);
    prune(file.getParent());
  }

  @Override
  public void deleteAll(String prefix) throws IOException {
    Path directory = path(prefix);
    if (!Files.isDirectory(directory)) {
      return;
    }
    List<Path> deepestFirst;
    try (Stream<Path> walk = Files.walk(directory)) {
      deepestFirst = walk.sorted(Comparator.reverseOrder()).toList();
    } catch (NoSuchFileException deletedMeanwhile) {
      return;
    }
    for (Path path : deepestFirst) {
      try {
        Files.deleteIfExists(path);
      } catch (DirectoryNotEmptyException writtenMeanwhile) {
        // a blob created under the prefix while it was being deleted stays
      }
    }
    prune(directory.getParent());
  }

  /** The file of a key, which can only be under the root. */
  Path path(String key) {
    Path path = root.resolve(BlobKeys.require(key)).normalize();
    if (!path.startsWith(root) || path.equals(root)) {
      throw new IllegalArgumentException("invalid blob key: outside the store");
    }
    return path;
  }

  /** Removes directories left empty up to the root, so deleted builds leave no directory behind. */
  private void prune(Path directory) throws IOException {
    for (Path dir = directory; dir != null && dir.startsWith(root) && !dir.equals(root); ) {
      try {
        Files.deleteIfExists(dir);
      } catch (DirectoryNotEmptyException inUse) {
        return;
      }
      dir = dir.getParent();
    }
  }

  private static final class PendingFile implements PendingBlob {

    private final Path pending;
    private final Path target;
    private final FileChannel channel;
    private final OutputStream out;
    private boolean committed;

    PendingFile(Path pending, Path target) throws IOException {
      this.pending = pending;
      this.target = target;
      this.channel = FileChannel.open(pending, StandardOpenOption.WRITE);
      this.out = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER);
    }

    @Override
    public OutputStream out() {
      return out;
    }

    @Override
    public void commit() throws IOException {
      if (committed) {
        throw new IllegalStateException("committed already");
      }
      out.flush();
      // On disk before the rename makes it the blob.
      channel.force(true);
      channel.close();
      Files.move(
          pending, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      committed = true;
      forceDirectory(target.getParent());
    }

    @Override
    public void close() throws IOException {
      if (committed) {
        return;
      }
      try {
        channel.close();
      } finally {
        Files.deleteIfExists(pending);
      }
    }

    /** The rename itself survives a crash only once its directory is on disk. */
    private static void forceDirectory(Path directory) {
      try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
        dir.force(true);
      } catch (IOException notSupportedHere) {
        // some file systems cannot open a directory; the rename is still atomic there
      }
    }
  }

  /** The first {@code remaining} bytes of a stream. */
  private static final class Bounded extends InputStream {

    private final InputStream in;
    private long remaining;

    Bounded(InputStream in, long remaining) {
      this.in = in;
      this.remaining = remaining;
    }

    @Override
    public int read() throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int b = in.read();
      if (b >= 0) {
        remaining--;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (remaining <= 0) {
        return length == 0 ? 0 : -1;
      }
      int n = in.read(buffer, offset, (int) Math.min(length, remaining));
      if (n > 0) {
        remaining -= n;
      }
      return n;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
