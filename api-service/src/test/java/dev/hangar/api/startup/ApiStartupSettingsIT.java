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

  private static final String GOOD_KEY = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

  @ParameterizedTest
  @CsvSource({
    "HANGAR_SECRETS_KEY, '', HANGAR_SECRETS_KEY is missing",
    "HANGAR_SECRETS_KEY, c2hvcnQ=, HANGAR_SECRETS_KEY is invalid",
    "HANGAR_SECRETS_KEY_PREVIOUS, '***', HANGAR_SECRETS_KEY_PREVIOUS is invalid",
    "HANGAR_ADMIN_PASSWORD, short, HANGAR_ADMIN_PASSWORD is invalid",
    "HANGAR_LOGIN_MAX_FAILURES, 0, HANGAR_LOGIN_MAX_FAILURES=0 is invalid",
    "HANGAR_LOGIN_FAILURE_WINDOW, 1m, HANGAR_LOGIN_FAILURE_WINDOW=1m is invalid: must be at least HANGAR_LOGIN_LOCKOUT_MAX (2m)",
    "HANGAR_SIGNING_EXTRA_TRUSTED_ROOTS, /nonexistent/roots.pem, HANGAR_SIGNING_EXTRA_TRUSTED_ROOTS=/nonexistent/roots.pem is invalid: no such file",
    "HANGAR_CLAIM_RECHECK, 0s, HANGAR_CLAIM_RECHECK=0s is invalid: must be at least 10ms",
    "HANGAR_CLAIM_RECHECK, often, HANGAR_CLAIM_RECHECK=often is invalid",
    "HANGAR_STORAGE, s3, HANGAR_S3_BUCKET= is invalid: must be set when HANGAR_STORAGE=s3",
    "HANGAR_STORAGE, tape, HANGAR_STORAGE=tape is invalid",
    "HANGAR_S3_ENDPOINT, ftp://minio, HANGAR_S3_ENDPOINT=ftp://minio is invalid: must be an http:// or https:// URL",
    "HANGAR_ARTIFACT_MAX_SIZE, 0B, HANGAR_ARTIFACT_MAX_SIZE=0B is invalid: must be at least 1B",
    "HANGAR_ARTIFACT_MAX_BUILD_SIZE, 1MB, HANGAR_ARTIFACT_MAX_BUILD_SIZE=1048576B is invalid: must be at least HANGAR_ARTIFACT_MAX_SIZE",
    "HANGAR_ARTIFACT_LINK_TTL, 8d, HANGAR_ARTIFACT_LINK_TTL=11520m is invalid: must be between 1s and 7d",
    "HANGAR_RETENTION, 59m, HANGAR_RETENTION=59m is invalid: must be at least 1h",
    "HANGAR_LOG_FORMAT, xml, HANGAR_LOG_FORMAT=xml is invalid: must be text or json",
    "HANGAR_SESSION_COOKIE_SECURE, sometimes, HANGAR_SESSION_COOKIE_SECURE=sometimes is invalid",
  })
  void aBadSettingStopsStartUpWithOneLine(String variable, String value, String expected)
      throws Exception {
    Map<String, String> env =
        new HashMap<>(Map.of("SERVER_PORT", "0", "HANGAR_SECRETS_KEY", GOOD_KEY));
    env.put(variable, value);

    RefusedStart start = RefusedStart.of(Path.of("target", "api-service.jar"), env);

    assertThat(start.exitCode()).isEqualTo(2);
    assertThat(start.lines())
        .singleElement()
        .asString()
        .startsWith("api-service cannot start: " + expected);
  }
}
