package dev.hangar.runner.detect;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What a short command prints (stdout and stderr together), or empty when it is not installed,
 * fails or does not finish in time. A hung tool is killed with everything it started, so detecting
 * tools can never hang {@code register}.
 */
public final class CommandOutput {

  private CommandOutput() {}

  public static Optional<String> of(List<String> command, Duration timeout)
      throws InterruptedException {
    Process process;
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
    } catch (IOException notInstalled) {
      return Optional.empty();
    }
    CompletableFuture<String> output =
        CompletableFuture.supplyAsync(
            () -> readAll(process.getInputStream()), task -> Thread.ofVirtual().start(task));
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) || process.exitValue() != 0) {
        return Optional.empty();
      }
      // The output ends when the last process holding it does: a child the tool left running with
      // it would keep it open, so after a second that output counts as none too.
      return Optional.of(output.get(1, TimeUnit.SECONDS));
    } catch (ExecutionException | TimeoutException e) {
      return Optional.empty();
    } finally {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  private static String readAll(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
