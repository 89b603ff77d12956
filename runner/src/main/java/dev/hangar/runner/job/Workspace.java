package dev.hangar.runner.job;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Directories a job owns under the runner's work directory, named after the build and attempt: the
 * checkout, a private one for signing files, and the zip of a directory being uploaded as an
 * artifact. All are removed when the job ends, and whatever a runner that died left there is
 * removed when the next one starts.
 */
public final class Workspace {

  /** Build ids as Hangar makes them; anything else from a server is not made into a path. */
  private static final Pattern BUILD_ID = Pattern.compile("build_[a-z0-9]{1,64}");

  /**
   * What {@link JobRun} names its directories and files: {@code <build id>-<attempt>}, {@code
   * ….signing} and {@code ….artifact.zip}.
   */
  private static final Pattern JOB_DIRECTORY =
      Pattern.compile("build_[a-z0-9]{1,64}-\\d{1,9}(\\.signing|\\.artifact\\.zip)?");

  private Workspace() {}

  /** Whether a build id is safe to name a directory after. */
  public static boolean acceptable(String buildId) {
    return buildId != null && BUILD_ID.matcher(buildId).matches();
  }

  /** A fresh, empty directory only this user can enter. */
  static Path create(Path dir) throws IOException {
    delete(dir);
    Files.createDirectories(dir.getParent());
    return Files.createDirectory(
        dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
  }

  /**
   * Removes what jobs of an earlier run left under {@code workRoot} (a runner killed mid-job leaves
   * its workspace and signing files); returns how many there were. Only job directories are
   * touched, so a mistaken {@code --work-dir} loses nothing else.
   */
  public static int clear(Path workRoot) throws IOException {
    if (!Files.isDirectory(workRoot)) {
      return 0;
    }
    int removed = 0;
    try (Stream<Path> entries = Files.list(workRoot)) {
      for (Path leftover :
          entries
              .filter(e -> JOB_DIRECTORY.matcher(e.getFileName().toString()).matches())
              .toList()) {
        delete(leftover);
        removed++;
      }
    }
    return removed;
  }

  /**
   * Deletes a tree, also one whose builds left read-only directories in it; a missing tree is fine.
   */
  static void delete(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            // Entries of a directory without write permission cannot be removed.
            dir.toFile().setWritable(true, true);
            dir.toFile().setExecutable(true, true);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            deleteIfThere(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException failure)
              throws IOException {
            if (failure != null) {
              throw failure;
            }
            deleteIfThere(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  private static void deleteIfThere(Path path) throws IOException {
    try {
      Files.delete(path);
    } catch (NoSuchFileException alreadyGone) {
      // a process of the job removed it meanwhile
    }
  }
}
