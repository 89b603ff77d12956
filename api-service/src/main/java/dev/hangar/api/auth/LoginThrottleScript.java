package dev.hangar.api.auth;

import dev.hangar.api.ApiSettings;
import dev.hangar.api.redis.ApiKeys;
import dev.hangar.api.redis.ApiScripts;
import dev.hangar.engine.redis.LuaScript;
import dev.hangar.engine.redis.Reply;
import dev.hangar.engine.redis.ScriptRunner;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code login_throttle.lua}: reserves a login attempt against the username's and the address's
 * failure counts, and takes a successful one back.
 */
@Component
class LoginThrottleScript {

  private static final LuaScript SCRIPT = ApiScripts.load("login_throttle");

  private final ScriptRunner scripts;
  private final ApiKeys keys;

  LoginThrottleScript(ScriptRunner scripts, ApiKeys keys) {
    this.scripts = scripts;
    this.keys = keys;
  }

  /**
   * Counts the attempt as a failure unless its username or address is locked, in which case it
   * counts nothing.
   */
  LoginReservation reserve(String username, LoginPeer peer, ApiSettings.LoginLimits limits) {
    Reply reply =
        scripts.run(
            SCRIPT,
            keys(username, peer),
            "reserve",
            limits.maxFailures(),
            limits.maxFailuresPerAddress(),
            limits.lockout().toMillis(),
            limits.lockoutMax().toMillis(),
            limits.failureWindow().toMillis());
    Duration duration = Duration.ofMillis(reply.number(1));
    return reply.text(0).equals("refused")
        ? new LoginReservation.Refused(username, peer, duration)
        : new LoginReservation.Allowed(username, peer, duration, reply.number(2));
  }

  /**
   * Forgets the username's failures and gives the address's count its attempt back (and the lock
   * the attempt set, if any).
   */
  void succeed(LoginReservation.Allowed attempt) {
    scripts.run(
        SCRIPT, keys(attempt.username(), attempt.peer()), "succeed", attempt.addressLockedUntil());
  }

  private List<String> keys(String username, LoginPeer peer) {
    return List.of(
        keys.loginFailuresOfUsername(username), keys.loginFailuresOfAddress(peer.address()));
  }
}
