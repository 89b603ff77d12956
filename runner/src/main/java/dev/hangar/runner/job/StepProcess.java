package dev.hangar.runner.job;

import dev.hangar.runner.output.OutputSink;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One command of a job running in a process group of its own, its output (stdout and stderr
 * together) going to the sink line by line. Stopping it signals the whole group, and each process
 * the JVM can still see below it, in case one moved to a group of its own.
 */
final class StepProcess {

  private final Process process;
  private final Thread pump;

  private StepProcess(Process process, Thread pump) {
    this.process = process;
    this.pump = pump;
  }

  static StepProcess start(
      List<String> command, Path dir, Map<String, String> env, String step, OutputSink sink)
      throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(ProcessGroups.inOwnGroup(command, System.getProperty("os.name")))
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().clear();
    builder.environment().putAll(env);
    Process process = builder.start();
    Thread pump =
        Thread.ofVirtual().name("output " + step).start(() -> copyLines(process, step, sink));
    return new StepProcess(process, pump);
  }

  private static void copyLines(Process process, String step, OutputSink sink) {
    var decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(process.getInputStream(), decoder))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        sink.line(step, line);
      }
    } catch (IOException closed) {
      // The job is over and the pipe was closed (drainOutput): there is nothing more to read.
    }
  }

  long pgid() {
    return process.pid();
  }

  /** Waits until the command ends or {@code limit} passes; true when it ended. */
  boolean awaitUntil(Instant limit) throws InterruptedException {
    long millis = Duration.between(Instant.now(), limit).toMillis();
    return process.waitFor(Math.max(0, millis), TimeUnit.MILLISECONDS);
  }

  int awaitExit() throws InterruptedException {
    return process.waitFor();
  }

  /**
   * The exit code of a command that has ended (128 + the signal's number when a signal ended it).
   */
  int exitCode() {
    return process.exitValue();
  }

  /**
   * SIGTERM to the group now, SIGKILL to it once the command has ended or {@code grace} has passed,
   * whichever comes first: a child that ignores SIGTERM must not outlive its step.
   */
  void stop(Duration grace) {
    List<ProcessHandle> below = process.descendants().toList();
    ProcessGroups.signal(pgid(), "TERM");
    below.forEach(ProcessHandle::destroy);
    Thread.ofVirtual()
        .name("kill after grace " + pgid())
        .start(
            () -> {
              try {
                process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              kill();
            });
  }

  /**
   * SIGKILL to the group and to every process the JVM sees below the command, now. Through the
   * process's handle, not {@link Process#destroyForcibly()}, which would also close the pipe and
   * lose the output still in it.
   */
  void kill() {
    List<ProcessHandle> below = process.descendants().toList();
    ProcessGroups.signal(pgid(), "KILL");
    below.forEach(ProcessHandle::destroyForcibly);
    process.toHandle().destroyForcibly();
  }

  /**
   * Lets the output still in the pipe reach the sink, then closes the pipe; gives up waiting after
   * {@code patience} (a process outside the group may hold the pipe open).
   */
  void drainOutput(Duration patience) throws InterruptedException {
    pump.join(patience);
    process.destroyForcibly();
  }
}
