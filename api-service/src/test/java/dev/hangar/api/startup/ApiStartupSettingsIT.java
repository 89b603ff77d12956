package dev.hangar.api.startup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.testing.RefusedStart;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The packaged api-service refuses a missing or bad setting with one line naming it. */
class ApiStartupSettingsIT {

  @ParameterizedTest
  // One of each kind (missing, unreadable, against another setting); ApiSettingsRefusalTest has
  // the line for every setting.
  @CsvSource({
    "HANGAR_SECRETS_KEY, '', HANGAR_SECRETS_KEY is missing",
    "HANGAR_CLAIM_RECHECK, often, HANGAR_CLAIM_RECHECK=often is invalid",
    "HANGAR_LOGIN_FAILURE_WINDOW, 1m, HANGAR_LOGIN_FAILURE_WINDOW=1m is invalid: must be at least HANGAR_LOGIN_LOCKOUT_MAX (2m)",
  })
  void aBadSettingStopsStartUpWithOneLine(String variable, String value, String expected)
      throws Exception {
    Map<String, String> env =
        new HashMap<>(
            Map.of("SERVER_PORT", "0", "HANGAR_SECRETS_KEY", ApiSettingsRefusalTest.GOOD_KEY));
    env.put(variable, value);

    RefusedStart start = RefusedStart.of(Path.of("target", "api-service.jar"), env);

    assertThat(start.exitCode()).isEqualTo(2);
    assertThat(start.lines())
        .singleElement()
        .asString()
        .startsWith("api-service cannot start: " + expected);
  }
}
