package dev.hangar.runner.support;

import dev.hangar.testing.ClassDataArchive;
import dev.hangar.testing.ShortLivedJava;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar target/hangar-runner.jar …} as a real process of its own, as an operator would
 * start it; its console (stdout and stderr) goes to a file the test reads.
 */
public final class RunnerProcess implements AutoCloseable {

  /** Failsafe runs after {@code package}, in the module's directory. */
  public static final Path JAR = Path.of("target", "hangar-runner.jar").toAbsolutePath();

  /**
   * Registering with a server that is not there: the command line, configuration and HTTP client
   * classes every runner command loads.
   */
  private static final ClassDataArchive.Training TRAINING =
      new ClassDataArchive.Training(
          List.of(),
          List.of(
              "register",
              "--url",
              "http://127.0.0.1:9",
              "--name",
              "training",
              "--config",
              "/dev/null/training.json"),
          Map.of("HANGAR_TOKEN", "training"));

  private final Process process;
  private final Path console;

  private RunnerProcess(Process process, Path console) {
    this.process = process;
    this.console = console;
  }

  public static RunnerProcess start(Path console, Map<String, String> env, String... args) {
    List<String> command = ShortLivedJava.command();
    command.addAll(ClassDataArchive.jarArguments(JAR, TRAINING));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(console.toFile());
    // Only what the test gives: a session token in the developer's own environment must not leak
    // in.
    builder.environment().remove("HANGAR_TOKEN");
    builder.environment().putAll(env);
    try {
      return new RunnerProcess(builder.start(), console);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs a command to its end (at most a minute) and answers its exit code and console. */
  public static Finished run(Path console, Map<String, String> env, String... args) {
    RunnerProcess runner = start(console, env, args);
    try {
      if (!runner.process.waitFor(60, TimeUnit.SECONDS)) {
        runner.kill();
        throw new AssertionError(
            "hangar-runner " + String.join(" ", args) + " did not finish: " + runner.console());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return new Finished(runner.process.exitValue(), runner.console());
  }

  /** How a one-off command ended. */
  public record Finished(int exitCode, String console) {}

  public static String java() {
    return ProcessHandle.current()
        .info()
        .command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  public String console() {
    try {
      return Files.readString(console);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public long pid() {
    return process.pid();
  }

  public boolean alive() {
    return process.isAlive();
  }

  public Optional<Integer> exitCode() {
    return process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
  }

  /** Waits up to {@code within} for the process to end; true when it has. */
  public boolean awaitExit(java.time.Duration within) throws InterruptedException {
    return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** SIGTERM, as a service manager stops a service. */
  public void terminate() {
    process.destroy();
  }

  /** SIGKILL: the runner dies on the spot, as on a power cut or an OOM kill. */
  public void kill() {
    process.destroyForcibly();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly();
      process.waitFor();
    }
  }
}
