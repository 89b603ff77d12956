package dev.hangar.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Spring Boot jar unpacked beside itself ({@code java -Djarmode=tools -jar app.jar extract}), as
 * Spring Boot advises for production: the JVM then reads plain jars, not jars nested in one, and a
 * class-data archive can hold their classes. The Hangar processes tests start boot from it in less
 * than half the CPU time of {@code java -jar app.jar}, with the same code and settings. {@code
 * ./hangar up} unpacks the jars the same way, into its own state directory; the tests of the
 * packaged jar itself ({@link RefusedStart}) still start that.
 *
 * <p>Unpacked once per build of the jar, by whichever test JVM comes first: the others wait on a
 * file lock, and a rebuilt jar (another size or time) is unpacked again.
 */
public final class ExtractedBootJar {

  private static final Map<Path, ExtractedBootJar> UNPACKED = new ConcurrentHashMap<>();

  private final Path launcher;

  private ExtractedBootJar(Path launcher) {
    this.launcher = launcher;
  }

  /** The unpacked form of {@code bootJar}, unpacking it first if this build has not. */
  public static ExtractedBootJar of(Path bootJar) {
    return UNPACKED.computeIfAbsent(bootJar.toAbsolutePath(), ExtractedBootJar::unpack);
  }

  /** The jar that starts it, which finds the unpacked libraries beside it. */
  public Path launcher() {
    return launcher;
  }

  /**
   * What starts it with these arguments, after {@code java} and its own options: the {@link
   * ClassDataArchive} of its classes, trained (if this build has none) by a run with the same
   * arguments that ends once the application's beans are made.
   */
  public List<String> launchArguments(List<String> arguments) {
    return ClassDataArchive.jarArguments(
        launcher,
        new ClassDataArchive.Training(
            List.of("-Dspring.context.exit=onRefresh"), arguments, Map.of()));
  }

  private static ExtractedBootJar unpack(Path bootJar) {
    String name = bootJar.getFileName().toString().replaceFirst("\\.jar$", "");
    Path dir = bootJar.resolveSibling(name + "-extracted");
    Path launcher = dir.resolve(bootJar.getFileName());
    Path stamp = dir.resolve("unpacked-from");
    try {
      return MachineLock.holding(
          bootJar.resolveSibling(name + "-extracted.lock"),
          () -> {
            String built =
                Files.size(bootJar) + " " + Files.getLastModifiedTime(bootJar).toMillis();
            if (!Files.isRegularFile(stamp) || !Files.readString(stamp).equals(built)) {
              deleteTree(dir);
              extract(bootJar, dir);
              // Written last: a JVM that died halfway leaves no stamp, so the next one starts over.
              Files.writeString(stamp, built);
            }
            return new ExtractedBootJar(launcher);
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack " + bootJar, e);
    }
  }

  private static void extract(Path bootJar, Path dir) throws IOException {
    Process tools =
        new ProcessBuilder(
                ShortLivedJava.command(
                    "-Djarmode=tools",
                    "-jar",
                    bootJar.toString(),
                    "extract",
                    "--destination",
                    dir.toString()))
            .redirectErrorStream(true)
            .start();
    try {
      String output = new String(tools.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!tools.waitFor(60, TimeUnit.SECONDS) || tools.exitValue() != 0) {
        throw new IllegalStateException("cannot unpack " + bootJar + ":\n" + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while unpacking " + bootJar, e);
    } finally {
      tools.destroyForcibly();
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
