package dev.hangar.runner.artifacts;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.zip.UnixStat;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * A directory as one zip file, for the outputs Flutter makes as directories (the macOS app, the
 * Linux and Windows bundles, the web site). The zip holds the directory itself, so it unpacks into
 * one folder, with each entry's Unix mode (executables stay executable). A link that points inside
 * the directory stays a link, as a macOS app's frameworks need; a link to a file elsewhere in the
 * workspace is stored as that file; any other link is left out, so nothing outside the workspace is
 * read. The zip is written straight to a file, never held in memory, then hashed.
 */
public final class DirectoryZip {

  private DirectoryZip() {}

  /** What was zipped: the zip, and the links left out (relative to the zipped directory). */
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
    List<String> leftOut = new ArrayList<>();
    try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(target)) {
      zip.setUseZip64(Zip64Mode.AsNeeded);
      Files.walkFileTree(
          top,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path path, BasicFileAttributes attrs)
                throws IOException {
              ZipArchiveEntry entry = new ZipArchiveEntry(entryName(path) + "/");
              entry.setUnixMode(UnixStat.DIR_FLAG | mode(path));
              entry.setLastModifiedTime(attrs.lastModifiedTime());
              zip.putArchiveEntry(entry);
              zip.closeArchiveEntry();
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path path, BasicFileAttributes attrs)
                throws IOException {
              if (attrs.isSymbolicLink()) {
                link(path, attrs);
              } else if (attrs.isRegularFile()) {
                file(path, path, attrs);
              }
              return FileVisitResult.CONTINUE;
            }

            private void link(Path path, BasicFileAttributes attrs) throws IOException {
              Path pointsTo = Files.readSymbolicLink(path);
              if (!pointsTo.isAbsolute()
                  && path.getParent().resolve(pointsTo).normalize().startsWith(top)) {
                ZipArchiveEntry entry = new ZipArchiveEntry(entryName(path));
                entry.setUnixMode(UnixStat.LINK_FLAG | 0777);
                entry.setLastModifiedTime(attrs.lastModifiedTime());
                zip.putArchiveEntry(entry);
                zip.write(pointsTo.toString().getBytes(StandardCharsets.UTF_8));
                zip.closeArchiveEntry();
                return;
              }
              Path real = Files.exists(path) ? path.toRealPath() : null;
              if (real != null && real.startsWith(root) && Files.isRegularFile(real)) {
                file(path, real, Files.readAttributes(real, BasicFileAttributes.class));
              } else {
                leftOut.add(top.relativize(path).toString());
              }
            }

            private void file(Path path, Path content, BasicFileAttributes attrs)
                throws IOException {
              ZipArchiveEntry entry = new ZipArchiveEntry(entryName(path));
              entry.setUnixMode(UnixStat.FILE_FLAG | mode(content));
              entry.setLastModifiedTime(attrs.lastModifiedTime());
              entry.setSize(attrs.size());
              zip.putArchiveEntry(entry);
              try (InputStream in = Files.newInputStream(content)) {
                in.transferTo(zip);
              }
              zip.closeArchiveEntry();
            }

            private String entryName(Path path) {
              Path relative = top.relativize(path);
              return relative.toString().isEmpty() ? folder : folder + "/" + relative;
            }
          });
    }
    return new Zipped(HashedFile.of(target), leftOut);
  }

  /** The permission bits as a Unix mode, e.g. 0755. */
  static int mode(Path path) throws IOException {
    Set<PosixFilePermission> permissions =
        Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
    int mode = 0;
    for (PosixFilePermission permission : permissions) {
      // OWNER_READ is 0400 and OTHERS_EXECUTE 0001, in the enum's order.
      mode |= 1 << (8 - permission.ordinal());
    }
    return mode;
  }
}
