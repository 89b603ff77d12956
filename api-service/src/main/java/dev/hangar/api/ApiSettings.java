package dev.hangar.api;

import static dev.hangar.engine.startup.SettingCheck.require;
import static dev.hangar.engine.startup.SettingCheck.requireTimer;
import static dev.hangar.engine.startup.SettingCheck.show;

import dev.hangar.api.auth.CookieSecurity;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings only the REST service reads (the engine's are in {@code HangarProperties}).
 *
 * @param adminPassword password of the {@code admin} user created on first start; generated and
 *     logged once when absent
 * @param sessionTtl lifetime of a user session
 * @param sessionCookieSecure when the dashboard's session cookie is marked {@code Secure}
 * @param login how failed logins are throttled ({@code HANGAR_LOGIN_*})
 * @param claimRecheck how often runners waiting in {@code claim?wait=N} are served without a work
 *     signal, which bounds how long a lost signal delays a build
 * @param passwordHashIterations PBKDF2 rounds for passwords set from now on; each login costs that
 *     many, which is what makes a stolen user list slow to guess from
 */
@ConfigurationProperties("hangar")
public record ApiSettings(
    String adminPassword,
    @DefaultValue("12h") Duration sessionTtl,
    @DefaultValue("auto") CookieSecurity sessionCookieSecure,
    @DefaultValue LoginLimits login,
    @DefaultValue("1s") Duration claimRecheck,
    @DefaultValue("210000") int passwordHashIterations) {

  public ApiSettings {
    if (adminPassword != null
        && adminPassword.length() < dev.hangar.model.auth.CreateUserRequest.MIN_PASSWORD) {
      throw new IllegalArgumentException(
          "HANGAR_ADMIN_PASSWORD is invalid: must be at least "
              + dev.hangar.model.auth.CreateUserRequest.MIN_PASSWORD
              + " characters");
    }
    require(sessionTtl.toSeconds() >= 60, "HANGAR_SESSION_TTL", sessionTtl, "at least 60s");
    requireTimer("HANGAR_CLAIM_RECHECK", claimRecheck);
    require(
        passwordHashIterations >= 1000 && passwordHashIterations <= 10_000_000,
        "HANGAR_PASSWORD_HASH_ITERATIONS",
        passwordHashIterations,
        "between 1000 and 10000000");
  }

  /**
   * Failed logins counted per username and per peer address. Reaching a limit locks that username
   * or address for {@code lockout}; each further failure doubles the delay, up to {@code
   * lockoutMax}, so the real user is never kept out for long while a guesser gets one try per
   * delay.
   *
   * @param maxFailures failures of one username after which it is locked
   * @param maxFailuresPerAddress failures from one peer address, whatever the usernames, after
   *     which it is locked; higher, since several people may share an address
   * @param lockout the first delay
   * @param lockoutMax the longest delay
   * @param failureWindow how long a username's or address's failures are remembered after the last
   *     one; a successful login forgets the username's at once
   */
  public record LoginLimits(
      @DefaultValue("5") int maxFailures,
      @DefaultValue("20") int maxFailuresPerAddress,
      @DefaultValue("5s") Duration lockout,
      @DefaultValue("2m") Duration lockoutMax,
      @DefaultValue("15m") Duration failureWindow) {

    public LoginLimits {
      require(
          maxFailures >= 1 && maxFailures <= 1000,
          "HANGAR_LOGIN_MAX_FAILURES",
          maxFailures,
          "between 1 and 1000");
      require(
          maxFailuresPerAddress >= 1 && maxFailuresPerAddress <= 100_000,
          "HANGAR_LOGIN_MAX_FAILURES_PER_ADDRESS",
          maxFailuresPerAddress,
          "between 1 and 100000");
      require(lockout.toSeconds() >= 1, "HANGAR_LOGIN_LOCKOUT", lockout, "at least 1s");
      require(
          lockoutMax.compareTo(lockout) >= 0 && lockoutMax.toHours() < 24,
          "HANGAR_LOGIN_LOCKOUT_MAX",
          lockoutMax,
          "at least HANGAR_LOGIN_LOCKOUT (" + show(lockout) + ") and under 24h");
      // Failures forgotten sooner than the longest delay would start every lock-out from the first
      // delay again.
      require(
          failureWindow.compareTo(lockoutMax) >= 0 && failureWindow.toDays() < 7,
          "HANGAR_LOGIN_FAILURE_WINDOW",
          failureWindow,
          "at least HANGAR_LOGIN_LOCKOUT_MAX (" + show(lockoutMax) + ") and under 7d");
    }
  }
}
