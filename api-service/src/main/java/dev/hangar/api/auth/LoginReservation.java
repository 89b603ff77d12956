package dev.hangar.api.auth;

import java.time.Duration;

/** What {@link LoginThrottle} decided about one login attempt before its password is checked. */
sealed interface LoginReservation {

  String username();

  LoginPeer peer();

  /** Rounded up, so nobody is told to come back before the lock has ended. */
  static long wholeSeconds(Duration duration) {
    return Math.max(1, (duration.toMillis() + 999) / 1000);
  }

  /**
   * The password may be checked; the attempt already counts as a failure.
   *
   * @param locksFor how long the username or address stays locked if this attempt fails (zero: not
   *     locked)
   * @param addressLockedUntil the address's lock this attempt set (Redis time, ms), for a success
   *     to lift; 0 if none
   */
  record Allowed(String username, LoginPeer peer, Duration locksFor, long addressLockedUntil)
      implements LoginReservation {}

  /**
   * The username or the address is locked for {@code retryAfter} more; the password is not checked.
   */
  record Refused(String username, LoginPeer peer, Duration retryAfter)
      implements LoginReservation {}
}
