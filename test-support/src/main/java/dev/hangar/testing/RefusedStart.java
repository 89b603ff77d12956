package dev.hangar.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A packaged Hangar jar started with a setting it must refuse, as an operator would start it: what
 * it printed (blank lines left out) and its exit code.
 */
public record RefusedStart(int exitCode, List<String> lines) {

  /** Fails the test if the process does not end by itself within a minute. */
  public static RefusedStart of(Path jar, Map<String, String> environment) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(ShortLivedJava.command("-jar", jar.toString()));
    builder.environment().putAll(environment);
    builder.redirectErrorStream(true);
    Process process = builder.start();
    try {
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the process ends by itself").isTrue();
      List<String> lines =
          new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
              .lines()
              .filter(l -> !l.isBlank())
              .toList();
      return new RefusedStart(process.exitValue(), lines);
    } finally {
      // A value the process wrongly accepts would leave it running in the default namespace.
      process.destroyForcibly();
    }
  }
}
