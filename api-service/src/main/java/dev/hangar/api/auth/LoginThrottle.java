package dev.hangar.api.auth;

import dev.hangar.api.ApiSettings;
import dev.hangar.api.redis.ApiKeys;
import dev.hangar.api.redis.ApiScripts;
import dev.hangar.engine.redis.LuaScript;
import dev.hangar.engine.redis.Scripts;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Failed logins counted per username and per peer address in Redis, so every instance throttles
 * alike; the rules are in {@code login_throttle.lua}. An attempt is counted before its password is
 * hashed and taken back when it succeeds.
 */
@Component
class LoginThrottle {

  private static final LuaScript LOGIN_THROTTLE = ApiScripts.load("login_throttle");

  private final Scripts scripts;
  private final ApiKeys keys;
  private final ApiSettings.LoginLimits limits;

  LoginThrottle(Scripts scripts, ApiKeys keys, ApiSettings settings) {
    this.scripts = scripts;
    this.keys = keys;
    this.limits = settings.login();
  }

  /**
   * Counts this attempt as a failure unless its username or address is locked, in which case it
   * counts nothing.
   */
  LoginReservation reserve(String username, LoginPeer peer) {
    List<Object> r =
        scripts.run(
            LOGIN_THROTTLE,
            keys(username, peer),
            "reserve",
            limits.maxFailures(),
            limits.maxFailuresPerAddress(),
            limits.lockout().toMillis(),
            limits.lockoutMax().toMillis(),
            limits.failureWindow().toMillis());
    Duration duration = Duration.ofMillis((Long) r.get(1));
    return "refused".equals(r.getFirst())
        ? new LoginReservation.Refused(username, peer, duration)
        : new LoginReservation.Allowed(username, peer, duration, (Long) r.get(2));
  }

  /**
   * The attempt succeeded: the username's failures are forgotten and the address's count gets the
   * attempt back.
   */
  void succeeded(LoginReservation.Allowed attempt) {
    scripts.run(
        LOGIN_THROTTLE,
        keys(attempt.username(), attempt.peer()),
        "succeed",
        attempt.addressLockedUntil());
  }

  private List<String> keys(String username, LoginPeer peer) {
    return List.of(
        keys.loginFailuresOfUsername(username), keys.loginFailuresOfAddress(peer.address()));
  }
}
