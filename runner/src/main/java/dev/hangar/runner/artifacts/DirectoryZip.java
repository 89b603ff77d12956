package dev.hangar.runner.artifacts;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A directory as one zip file, for the outputs Flutter makes as directories (the macOS app, the
 * Linux and Windows bundles, the web site). The zip holds the directory itself, so it unpacks into
 * one folder. It is written straight to a file and hashed as it is written, so neither the tree nor
 * the zip is ever held in memory. Links inside the directory are stored as what they point to when
 * that lies inside the workspace and left out otherwise; a zip keeps no Unix permissions.
 */
public final class DirectoryZip {

  private DirectoryZip() {}

  /**
   * What was zipped: the zip, and the entries left out because they lead out of {@code workspace}
   * (relative to the zipped directory).
   */
  public record Zipped(HashedFile file, List<String> leftOut) {

    public Zipped {
      leftOut = List.copyOf(leftOut);
    }
  }

  /** Zips {@code dir} to {@code target}, its entries under the folder {@code folder}. */
  public static Zipped zip(Path dir, String folder, Path workspace, Path target)
      throws IOException {
    Path root = workspace.toRealPath();
    Path top = dir.toRealPath();
    MessageDigest digest = HashedFile.newDigest();
    List<String> leftOut = new ArrayList<>();
    try (OutputStream file = Files.newOutputStream(target);
        ZipOutputStream zip =
            new ZipOutputStream(
                new DigestOutputStream(new BufferedOutputStream(file, 64 * 1024), digest))) {
      Files.walkFileTree(
          top,
          Set.of(FileVisitOption.FOLLOW_LINKS),
          Integer.MAX_VALUE,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path path, BasicFileAttributes attrs)
                throws IOException {
              if (leavesWorkspace(path)) {
                return FileVisitResult.SKIP_SUBTREE;
              }
              ZipEntry entry = new ZipEntry(entryName(path) + "/");
              entry.setLastModifiedTime(attrs.lastModifiedTime());
              zip.putNextEntry(entry);
              zip.closeEntry();
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path path, BasicFileAttributes attrs)
                throws IOException {
              if (!attrs.isRegularFile() || leavesWorkspace(path)) {
                return FileVisitResult.CONTINUE;
              }
              ZipEntry entry = new ZipEntry(entryName(path));
              entry.setLastModifiedTime(attrs.lastModifiedTime());
              zip.putNextEntry(entry);
              try (InputStream in = Files.newInputStream(path)) {
                in.transferTo(zip);
              }
              zip.closeEntry();
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path path, IOException e) throws IOException {
              if (e instanceof FileSystemLoopException) {
                // A link back up the tree would make the zip endless; the tree holds it already.
                leftOut.add(top.relativize(path).toString());
                return FileVisitResult.CONTINUE;
              }
              throw e;
            }

            private boolean leavesWorkspace(Path path) throws IOException {
              if (Files.isSymbolicLink(path) && !path.toRealPath().startsWith(root)) {
                leftOut.add(top.relativize(path).toString());
                return true;
              }
              return false;
            }

            private String entryName(Path path) {
              Path relative = top.relativize(path);
              return relative.toString().isEmpty() ? folder : folder + "/" + relative;
            }
          });
    }
    return new Zipped(new HashedFile(target, Files.size(target), HashedFile.hex(digest)), leftOut);
  }
}
