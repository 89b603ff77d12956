package dev.hangar.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The packaged dispatcher refuses a bad setting with one line naming it and a non-zero exit, before
 * touching RabbitMQ or Redis — what an operator sees after a typo in the environment.
 */
class StartupSettingsIT {

  @ParameterizedTest
  @CsvSource({
    "HANGAR_LEASE_TTL, soon, HANGAR_LEASE_TTL",
    "HANGAR_MAX_ATTEMPTS, 0, HANGAR_MAX_ATTEMPTS",
    "HANGAR_MAX_ATTEMPTS, three, HANGAR_MAX_ATTEMPTS",
    "HANGAR_HEARTBEAT_INTERVAL, 90s, HANGAR_LEASE_TTL",
    "HANGAR_NAMESPACE, bad namespace!, HANGAR_NAMESPACE",
    "HANGAR_OUTBOX_INTERVAL, 0s, HANGAR_OUTBOX_INTERVAL",
    "HANGAR_OUTBOX_INTERVAL, soon, HANGAR_OUTBOX_INTERVAL",
    "HANGAR_METRICS_INTERVAL, -1s, HANGAR_METRICS_INTERVAL",
    "HANGAR_METRICS_INTERVAL, often, HANGAR_METRICS_INTERVAL",
  })
  void aBadSettingStopsStartUpWithOneLineNamingIt(String variable, String value, String named)
      throws Exception {
    Path jar = Path.of("target", "dispatcher.jar");
    assertThat(jar).exists();
    ProcessBuilder builder =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-jar",
            jar.toString());
    builder.environment().putAll(Map.of(variable, value, "SERVER_PORT", "0"));
    builder.redirectErrorStream(true);
    Process process = builder.start();
    try {
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the process ends by itself").isTrue();
      List<String> lines =
          new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
              .lines()
              .filter(l -> !l.isBlank())
              .toList();

      assertThat(process.exitValue()).isEqualTo(2);
      assertThat(lines)
          .singleElement()
          .asString()
          .startsWith("dispatcher cannot start: " + named + "=");
    } finally {
      // A value the dispatcher wrongly accepts leaves it running in the default namespace.
      process.destroyForcibly();
    }
  }
}
