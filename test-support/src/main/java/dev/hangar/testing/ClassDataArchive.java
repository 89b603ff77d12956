package dev.hangar.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A class-data archive kept beside a jar ({@code name.jsa}): the classes a start of it loads,
 * parsed and verified once, which every later JVM maps instead of loading them again.
 *
 * <p>It is made by a training run before the first JVM that uses it starts, by whichever test JVM
 * comes first (the others wait on a file lock), and made again when the jar is newer. Left to the
 * JVM alone ({@code -XX:+AutoCreateSharedArchive}), every process started before the first one
 * ended would run without it and then write it again; that option stays on as the fallback should a
 * training run fail.
 */
public final class ClassDataArchive {

  /**
   * What a training run adds to {@code java … -jar jar}: options for its JVM (for a Spring Boot
   * application, {@code -Dspring.context.exit=onRefresh}, which ends it once its beans are made),
   * the jar's arguments and environment variables.
   */
  public record Training(
      List<String> jvmOptions, List<String> arguments, Map<String, String> environment) {}

  private static final Map<Path, Path> TRAINED = new ConcurrentHashMap<>();

  private ClassDataArchive() {}

  /**
   * {@code -jar jar}, after the options that map its archive, training one first if there is none
   * for this build of the jar. Quietly: the JVM's notes on classes it leaves out would land in the
   * process's output, which tests read.
   */
  public static List<String> jarArguments(Path jar, Training training) {
    Path archive = TRAINED.computeIfAbsent(jar.toAbsolutePath(), j -> trained(j, training));
    return List.of(
        "-XX:SharedArchiveFile=" + archive,
        "-XX:+AutoCreateSharedArchive",
        "-Xlog:cds*=off",
        "-jar",
        jar.toString());
  }

  private static Path trained(Path jar, Training training) {
    String name = jar.getFileName().toString().replaceFirst("\\.jar$", "");
    Path archive = jar.resolveSibling(name + ".jsa");
    try {
      return MachineLock.holding(
          jar.resolveSibling(name + ".jsa.lock"),
          () -> {
            boolean current =
                Files.isRegularFile(archive)
                    && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar))
                        >= 0;
            if (!current) {
              Files.deleteIfExists(archive);
              train(jar, archive, training);
            }
            return archive;
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot train a class-data archive for " + jar, e);
    }
  }

  private static void train(Path jar, Path archive, Training training) throws IOException {
    List<String> command =
        new ArrayList<>(
            ShortLivedJava.command("-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds*=off"));
    command.addAll(training.jvmOptions());
    command.addAll(List.of("-jar", jar.toString()));
    command.addAll(training.arguments());
    Path output = Files.createTempFile(jar.getParent(), "training-", ".log");
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(training.environment());
    Process process =
        builder
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            // Nothing to answer with, should the program ask.
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .start();
    try {
      // A run that fails or hangs only costs the archive: the processes start without it.
      if (!process.waitFor(2, TimeUnit.MINUTES)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    } finally {
      Files.deleteIfExists(output);
    }
  }
}
