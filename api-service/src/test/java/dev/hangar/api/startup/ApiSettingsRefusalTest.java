package dev.hangar.api.startup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.api.ApiApplication;
import dev.hangar.engine.startup.HangarApplications;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The line the api-service stops with for each bad setting, from the check it runs before Spring
 * starts; ApiStartupSettingsIT shows the packaged jar printing such a line and exiting.
 */
class ApiSettingsRefusalTest {

  static final String GOOD_KEY = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

  @ParameterizedTest
  @CsvSource({
    "HANGAR_SECRETS_KEY, '', HANGAR_SECRETS_KEY is missing",
    "HANGAR_SECRETS_KEY, c2hvcnQ=, HANGAR_SECRETS_KEY is invalid",
    "HANGAR_SECRETS_KEY_PREVIOUS, '***', HANGAR_SECRETS_KEY_PREVIOUS is invalid",
    "HANGAR_ADMIN_PASSWORD, short, HANGAR_ADMIN_PASSWORD is invalid",
    "HANGAR_LOGIN_MAX_FAILURES, 0, HANGAR_LOGIN_MAX_FAILURES=0 is invalid",
    "HANGAR_PASSWORD_HASH_ITERATIONS, 999, HANGAR_PASSWORD_HASH_ITERATIONS=999 is invalid: must be between 1000 and 10000000",
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
  void aBadSettingIsRefusedWithOneLineNamingIt(String variable, String value, String expected) {
    Map<String, Object> environment = new HashMap<>(Map.of("HANGAR_SECRETS_KEY", GOOD_KEY));
    environment.put(variable, value);

    assertThat(HangarApplications.refusal(environment, settings()))
        .hasValueSatisfying(line -> assertThat(line).startsWith(expected));
  }

  @Test
  void theKeyAloneIsEnough() {
    assertThat(HangarApplications.refusal(Map.of("HANGAR_SECRETS_KEY", GOOD_KEY), settings()))
        .isEmpty();
  }

  private static Class<?>[] settings() {
    return ApiApplication.SETTINGS.toArray(Class<?>[]::new);
  }
}
