package dev.hangar.runner.operations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.testing.Directories;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A copy of {@code ./hangar}, its scripts and the demo project in a directory of its own, beside
 * the built jars: its {@code .hangar/} is its own, so a Hangar started from the checkout is neither
 * seen nor disturbed. With no sources beside the jars, the script sees them as fresh and builds
 * nothing.
 */
final class HangarHome {

  /** Failsafe runs in the module's directory; the checkout is its parent. */
  private static final Path CHECKOUT = Path.of("..").toAbsolutePath().normalize();

  private static final Map<String, String> JARS =
      Map.of(
          "api-service", "api-service/target/api-service.jar",
          "dispatcher", "dispatcher/target/dispatcher.jar",
          "runner", "runner/target/hangar-runner.jar");

  private final Path root;
  private final Map<String, String> environment;

  private HangarHome(Path root, Map<String, String> environment) {
    this.root = root;
    this.environment = environment;
  }

  static HangarHome create(Map<String, String> environment) throws IOException {
    Path root = Files.createTempDirectory("hangar-home-");
    copyTree(CHECKOUT.resolve("scripts"), root.resolve("scripts"));
    copyTree(CHECKOUT.resolve("examples"), root.resolve("examples"));
    Files.copy(
        CHECKOUT.resolve("hangar"), root.resolve("hangar"), StandardCopyOption.COPY_ATTRIBUTES);
    for (String jar : JARS.values()) {
      Path built = CHECKOUT.resolve(jar);
      assertThat(built).as("built by the package phase").exists();
      Files.createDirectories(root.resolve(jar).getParent());
      Files.createSymbolicLink(root.resolve(jar), built);
    }
    return new HangarHome(root, environment);
  }

  record Run(int exitCode, String output) {}

  /** Runs {@code ./hangar ARGS} to its end (at most six minutes), with the home's environment. */
  Run hangar(String... args) throws IOException, InterruptedException {
    return hangar(Map.of(), args);
  }

  Run hangar(Map<String, String> extraEnvironment, String... args)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile(root, args[0] + "-", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(
                Stream.concat(Stream.of(root.resolve("hangar").toString()), Stream.of(args))
                    .toList())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    builder.environment().putAll(extraEnvironment);
    Process process = builder.start();
    if (!process.waitFor(6, TimeUnit.MINUTES)) {
      process.destroyForcibly().waitFor();
    }
    return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  Path resolve(String relative) {
    return root.resolve(relative);
  }

  /** The pid the script recorded for a process it started ({@code .hangar/NAME.pid}). */
  Optional<Long> pid(String name) throws IOException {
    Path file = root.resolve(".hangar/" + name + ".pid");
    return Files.exists(file)
        ? Optional.of(Long.parseLong(Files.readString(file).strip()))
        : Optional.empty();
  }

  /** Every process whose command line names this home: what the script started from here. */
  List<ProcessHandle> processes() {
    String marker = root.toString() + "/";
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().filter(line -> line.contains(marker)).isPresent())
        .toList();
  }

  /** Test cleanup: nothing the script started from here outlives the test. */
  void killWhatIsLeft() {
    processes().forEach(ProcessHandle::destroyForcibly);
  }

  void delete() {
    Directories.deleteTree(root);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          // Keeps the executable bit: examples/hello/build.sh runs as ./build.sh.
          Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }
}
