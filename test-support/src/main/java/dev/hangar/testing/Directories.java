package dev.hangar.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Cleaning up the directories tests make. */
public final class Directories {

  private Directories() {}

  /**
   * Deletes {@code root} and everything under it, deepest first, as far as it can: a file a process
   * still holds open stays behind rather than failing the test that cleans up after itself. Nothing
   * happens when {@code root} is already gone.
   */
  public static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + root, e);
    }
  }
}
