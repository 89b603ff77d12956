package dev.hangar.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.testing.RefusedStart;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The packaged dispatcher refuses a bad setting with one line naming it and a non-zero exit, before
 * touching RabbitMQ or Redis — what an operator sees after a typo in the environment.
 */
class StartupSettingsIT {

  @ParameterizedTest
  // One of each kind (unreadable, out of range, against another setting);
  // DispatcherSettingsRefusalTest
  // has the line for every setting.
  @CsvSource({
    "HANGAR_LEASE_TTL, soon, HANGAR_LEASE_TTL",
    "HANGAR_MAX_ATTEMPTS, 0, HANGAR_MAX_ATTEMPTS",
    "HANGAR_HEARTBEAT_INTERVAL, 90s, HANGAR_LEASE_TTL",
  })
  void aBadSettingStopsStartUpWithOneLineNamingIt(String variable, String value, String named)
      throws Exception {
    Path jar = Path.of("target", "dispatcher.jar");
    assertThat(jar).exists();

    RefusedStart start = RefusedStart.of(jar, Map.of(variable, value, "SERVER_PORT", "0"));

    assertThat(start.exitCode()).isEqualTo(2);
    assertThat(start.lines())
        .singleElement()
        .asString()
        .startsWith("dispatcher cannot start: " + named + "=");
  }
}
