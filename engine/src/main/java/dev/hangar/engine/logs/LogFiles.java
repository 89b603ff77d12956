package dev.hangar.engine.logs;

import dev.hangar.engine.HangarProperties;
import dev.hangar.engine.support.Ids;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Finished builds' logs on disk, one file per build under {@code HANGAR_DATA_DIR/logs/<namespace>}.
 * A file is written whole to a temporary name and then renamed into place, so a reader (or a
 * process that crashed mid-write) never meets half a log; writing it twice, as two archivers may,
 * leaves the same file.
 */
@Component
public class LogFiles {

  private final Path directory;

  public LogFiles(LogSettings settings, HangarProperties properties) {
    this.directory = settings.directory(properties.namespace()).toAbsolutePath();
  }

  public void write(String buildId, byte[] log) throws IOException {
    Path target = path(buildId);
    Files.createDirectories(directory);
    Path temporary = Files.createTempFile(directory, "." + buildId + ".", ".tmp");
    try {
      try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(log);
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
        // On disk before the rename makes it the log, and before Redis lets its copy go.
        out.force(true);
      }
      Files.move(
          temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /** Up to {@code max} bytes of the log from {@code from}; empty when there is no file. */
  public Optional<LogSlice> read(String buildId, long from, int max) throws IOException {
    Path file = path(buildId);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      long length = in.size();
      int wanted = (int) Math.max(0, Math.min(max, length - from));
      ByteBuffer buffer = ByteBuffer.allocate(wanted);
      int read = 0;
      while (buffer.hasRemaining() && read >= 0) {
        read = in.read(buffer, from + buffer.position());
      }
      return Optional.of(new LogSlice(from, buffer.array(), length, true, true));
    } catch (NoSuchFileException deletedMeanwhile) {
      return Optional.empty();
    }
  }

  public void delete(String buildId) throws IOException {
    Files.deleteIfExists(path(buildId));
  }

  /** Build ids become file names: anything not shaped like one never reaches the file system. */
  Path path(String buildId) {
    if (!Ids.looksLike("build", buildId)) {
      throw new IllegalArgumentException("not a build id");
    }
    return directory.resolve(buildId + ".log");
  }
}
