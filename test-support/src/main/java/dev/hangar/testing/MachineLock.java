package dev.hangar.testing;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Work that one JVM at a time on this machine may do (the test JVMs of one build run side by side),
 * ordered by a lock on a file. A JVM may hold one lock on a file at a time, so callers in one JVM
 * must not overlap on the same file either.
 */
final class MachineLock {

  interface Work<T> {
    T run() throws IOException;
  }

  private MachineLock() {}

  static <T> T holding(Path lockFile, Work<T> work) throws IOException {
    try (FileChannel channel =
            FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.lock()) {
      return work.run();
    }
  }
}
