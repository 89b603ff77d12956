package dev.hangar.engine.storage;

import dev.hangar.engine.HangarProperties;
import dev.hangar.engine.logs.LogSettings;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Blobs as files under {@code HANGAR_DATA_DIR}, the default store, standing in for issue 17's
 * {@code DirectoryBlobStore}, which replaces it: a key {@code <area>/<rest>} is the file {@code
 * <data dir>/<area>/<namespace>/<rest>}, so finished logs stay where they were, {@code
 * logs/<namespace>/<build>.log}. A blob is written to a temporary file beside its place, flushed to
 * disk and renamed into place on commit, so a reader never meets half a file.
 */
@Component
@ConditionalOnProperty(name = "hangar.storage", havingValue = "directory", matchIfMissing = true)
public class InterimDirectoryBlobStore implements BlobStore {

  private final Path dataDir;
  private final String namespace;

  public InterimDirectoryBlobStore(LogSettings settings, HangarProperties properties) {
    this.dataDir = settings.dataDir().toAbsolutePath();
    this.namespace = properties.namespace();
  }

  @Override
  public PendingBlob create(String key) throws IOException {
    Path target = path(key);
    Files.createDirectories(target.getParent());
    Path temporary =
        Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp");
    FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE);
    return new PendingFile(channel, temporary, target);
  }

  @Override
  public Optional<BlobStat> stat(String key) throws IOException {
    try {
      BasicFileAttributes attributes = Files.readAttributes(path(key), BasicFileAttributes.class);
      return attributes.isRegularFile()
          ? Optional.of(new BlobStat(attributes.size(), attributes.lastModifiedTime().toMillis()))
          : Optional.empty();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  @Override
  public InputStream read(String key, long offset, long length) throws IOException {
    FileChannel channel;
    try {
      channel = FileChannel.open(path(key), StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      throw new NoSuchBlobException(key);
    }
    channel.position(offset);
    InputStream in = Channels.newInputStream(channel);
    return new BoundedInput(in, length);
  }

  @Override
  public void delete(String key) throws IOException {
    Files.deleteIfExists(path(key));
  }

  @Override
  public void deleteAll(String prefix) throws IOException {
    Path root = path(prefix);
    if (!Files.isDirectory(root)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
  }

  private Path path(String key) {
    String[] parts = BlobKeys.requireValid(key).split("/", 2);
    Path area = dataDir.resolve(parts[0]).resolve(namespace);
    return parts.length == 1 ? area : area.resolve(parts[1]);
  }

  private static final class PendingFile implements PendingBlob {

    private final FileChannel channel;
    private final OutputStream out;
    private final Path temporary;
    private final Path target;
    private boolean done;

    PendingFile(FileChannel channel, Path temporary, Path target) {
      this.channel = channel;
      this.out = Channels.newOutputStream(channel);
      this.temporary = temporary;
      this.target = target;
    }

    @Override
    public OutputStream out() {
      return out;
    }

    @Override
    public void commit() throws IOException {
      // On disk before the rename makes it the blob, and before a caller lets its copy go.
      channel.force(true);
      channel.close();
      Files.move(
          temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      done = true;
    }

    @Override
    public void close() throws IOException {
      channel.close();
      if (!done) {
        done = true;
        Files.deleteIfExists(temporary);
      }
    }
  }

  /** Ends after {@code remaining} bytes, whatever follows in the file. */
  private static final class BoundedInput extends FilterInputStream {

    private long remaining;

    BoundedInput(InputStream in, long length) {
      super(in);
      this.remaining = length;
    }

    @Override
    public int read() throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int b = super.read();
      if (b >= 0) {
        remaining--;
      }
      return b;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int n = super.read(bytes, offset, (int) Math.min(length, remaining));
      if (n > 0) {
        remaining -= n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(Math.min(n, remaining));
      remaining -= skipped;
      return skipped;
    }
  }
}
