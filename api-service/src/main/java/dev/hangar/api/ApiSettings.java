package dev.hangar.api;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings only the REST service reads (the engine's are in {@code HangarProperties}).
 *
 * @param adminPassword password of the {@code admin} user created on first start; generated and
 *     logged once when absent
 * @param sessionTtl lifetime of a user session
 */
@ConfigurationProperties("hangar")
public record ApiSettings(String adminPassword, @DefaultValue("12h") Duration sessionTtl) {

  public ApiSettings {
    if (adminPassword != null && adminPassword.length() < dev.hangar.model.auth.CreateUserRequest.MIN_PASSWORD) {
      throw new IllegalArgumentException(
          "HANGAR_ADMIN_PASSWORD is invalid: must be at least " + dev.hangar.model.auth.CreateUserRequest.MIN_PASSWORD + " characters");
    }
    if (sessionTtl.toSeconds() < 60) {
      throw new IllegalArgumentException("HANGAR_SESSION_TTL=" + sessionTtl + " is invalid: must be at least 60s");
    }
  }
}
