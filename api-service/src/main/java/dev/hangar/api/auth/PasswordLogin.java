package dev.hangar.api.auth;

import dev.hangar.model.auth.LoginRequest;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Checks a username and password behind the login throttle: a locked username or address is refused
 * before the password is hashed, so a flood of guesses costs Redis calls, not PBKDF2 rounds. Every
 * failure, checked or refused, is logged.
 */
@Component
class PasswordLogin {

  private final LoginThrottle throttle;
  private final UserStore users;

  PasswordLogin(LoginThrottle throttle, UserStore users) {
    this.throttle = throttle;
    this.users = users;
  }

  /**
   * The user with this name and password, or empty; 429 {@code too_many_attempts} while throttled.
   */
  Optional<User> verify(LoginRequest login, LoginPeer peer) {
    return switch (throttle.reserve(login.username(), peer)) {
      case LoginReservation.Refused refused -> {
        FailedLoginLog.refused(refused);
        throw new TooManyLoginAttemptsException(refused.retryAfter());
      }
      case LoginReservation.Allowed attempt -> verify(login, attempt);
    };
  }

  private Optional<User> verify(LoginRequest login, LoginReservation.Allowed attempt) {
    Optional<User> user = users.verify(login.username(), login.password());
    if (user.isPresent()) {
      throttle.succeeded(attempt);
    } else {
      FailedLoginLog.wrongCredentials(attempt);
    }
    return user;
  }
}
