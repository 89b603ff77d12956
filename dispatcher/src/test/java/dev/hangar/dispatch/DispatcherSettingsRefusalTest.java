package dev.hangar.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.engine.startup.HangarApplications;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The line the dispatcher stops with for each bad setting, from the check it runs before Spring
 * starts; StartupSettingsIT shows the packaged jar printing such a line and exiting.
 */
class DispatcherSettingsRefusalTest {

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
    "HANGAR_STORAGE, s3, HANGAR_S3_BUCKET",
    "HANGAR_S3_PREFIX, ../up, HANGAR_S3_PREFIX",
    "HANGAR_RETENTION, 59m, HANGAR_RETENTION",
    "HANGAR_RETENTION, forever, HANGAR_RETENTION",
    "HANGAR_LOG_FORMAT, xml, HANGAR_LOG_FORMAT",
  })
  void aBadSettingIsRefusedWithOneLineNamingIt(String variable, String value, String named) {
    assertThat(HangarApplications.refusal(Map.of(variable, value), settings()))
        .hasValueSatisfying(line -> assertThat(line).startsWith(named + "="));
  }

  @Test
  void theDefaultsNeedNothing() {
    assertThat(HangarApplications.refusal(Map.of(), settings())).isEmpty();
  }

  private static Class<?>[] settings() {
    return DispatcherApplication.SETTINGS.toArray(Class<?>[]::new);
  }
}
