package dev.hangar.runner.artifacts;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What one artifact pattern matches in a workspace. Patterns are java.nio globs relative to the
 * workspace ({@code *}, {@code ?}, {@code [...]}, {@code {a,b}}, {@code **} across directories),
 * with {@code **}{@code /} also matching no directory at all, as GitLab's and most CI globs do. As
 * in a shell, wildcards pass over names that start with a dot ({@code .git}, {@code .dart_tool},
 * Flutter's {@code build/.last_build_id}) unless the pattern itself names one. A matched directory
 * is one match (its contents are not matched further). Symbolic links are never followed while
 * searching; a matched link counts as what it points to when that lies inside the workspace, and is
 * refused otherwise, so a build cannot upload the runner's own files.
 */
public final class WorkspaceFiles {

  private static final Pattern GLOB_CHARACTERS = Pattern.compile("[*?\\[{\\\\]");

  private WorkspaceFiles() {}

  /** A file or directory inside the workspace that a pattern matched. */
  public record Match(String relative, Path target, boolean directory) {}

  /**
   * What a pattern matched, in path order, and the matches refused because they lead out of the
   * workspace (relative paths).
   */
  public record Matches(List<Match> found, List<String> outside) {

    public Matches {
      found = List.copyOf(found);
      outside = List.copyOf(outside);
    }
  }

  public static Matches matching(Path workspace, String pattern) throws IOException {
    Path root = workspace.toRealPath();
    String glob = normalised(pattern);
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + zeroOrMoreDirs(glob));
    Path prefix = Path.of(literalPrefix(glob));
    List<Match> found = new ArrayList<>();
    List<String> outside = new ArrayList<>();
    Path named = root.resolve(prefix);
    if (!Files.exists(named)) {
      return new Matches(found, outside);
    }
    // The search starts below the pattern's literal directories, any of which may be a link.
    Path start = named.toRealPath();
    if (!start.startsWith(root)) {
      outside.add(prefix.toString());
      return new Matches(found, outside);
    }
    boolean namesHidden = glob.startsWith(".") || glob.contains("/.");
    Files.walkFileTree(
        start,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (!dir.equals(start) && hidden(dir)) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            Path relative = prefix.resolve(start.relativize(dir));
            if (!relative.toString().isEmpty() && matcher.matches(relative)) {
              found.add(new Match(relative.toString(), dir, true));
              return FileVisitResult.SKIP_SUBTREE;
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Path relative = prefix.resolve(start.relativize(file));
            if (hidden(file) || !matcher.matches(relative)) {
              return FileVisitResult.CONTINUE;
            }
            if (attrs.isRegularFile()) {
              found.add(new Match(relative.toString(), file, false));
            } else if (attrs.isSymbolicLink()) {
              linked(file, relative.toString());
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            // Unreadable corners of a workspace are not what anyone asked to upload.
            return FileVisitResult.CONTINUE;
          }

          private boolean hidden(Path path) {
            return !namesHidden && path.getFileName().toString().startsWith(".");
          }

          private void linked(Path link, String relative) throws IOException {
            if (!Files.exists(link)) {
              return;
            }
            Path target = link.toRealPath();
            if (!target.startsWith(root)) {
              outside.add(relative);
            } else if (Files.isDirectory(target)) {
              found.add(new Match(relative, target, true));
            } else if (Files.isRegularFile(target)) {
              found.add(new Match(relative, target, false));
            }
          }
        });
    found.sort(Comparator.comparing(Match::relative));
    return new Matches(found, outside);
  }

  /** {@code ./build/web/} names what {@code build/web} names. */
  static String normalised(String pattern) {
    String glob = pattern;
    while (glob.startsWith("./")) {
      glob = glob.substring(2);
    }
    while (glob.endsWith("/") && glob.length() > 1) {
      glob = glob.substring(0, glob.length() - 1);
    }
    return glob;
  }

  /**
   * {@code a/**}{@code /b} also matches {@code a/b}. Groups do not nest in java.nio globs, so a
   * pattern with groups of its own keeps java.nio's meaning of {@code **}.
   */
  static String zeroOrMoreDirs(String glob) {
    return glob.contains("{") ? glob : glob.replace("**/", "{**/,}");
  }

  /** The leading directories without glob characters: where the search starts. */
  static String literalPrefix(String glob) {
    StringBuilder prefix = new StringBuilder();
    for (String segment : glob.split("/")) {
      if (GLOB_CHARACTERS.matcher(segment).find()) {
        break;
      }
      if (!prefix.isEmpty()) {
        prefix.append('/');
      }
      prefix.append(segment);
    }
    return prefix.toString();
  }
}
