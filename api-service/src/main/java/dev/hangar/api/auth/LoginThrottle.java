package dev.hangar.api.auth;

import dev.hangar.api.ApiSettings;
import org.springframework.stereotype.Component;

/**
 * Failed logins counted per username and per peer address in Redis, so every instance throttles
 * alike; the rules are in {@code login_throttle.lua}. An attempt is counted before its password is
 * hashed and taken back when it succeeds.
 */
@Component
class LoginThrottle {

  private final LoginThrottleScript script;
  private final ApiSettings.LoginLimits limits;

  LoginThrottle(LoginThrottleScript script, ApiSettings settings) {
    this.script = script;
    this.limits = settings.login();
  }

  /**
   * Counts this attempt as a failure unless its username or address is locked, in which case it
   * counts nothing.
   */
  LoginReservation reserve(String username, LoginPeer peer) {
    return script.reserve(username, peer, limits);
  }

  /**
   * The attempt succeeded: the username's failures are forgotten and the address's count gets the
   * attempt back.
   */
  void succeeded(LoginReservation.Allowed attempt) {
    script.succeed(attempt);
  }
}
