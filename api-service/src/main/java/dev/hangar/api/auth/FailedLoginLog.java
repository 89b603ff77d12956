package dev.hangar.api.auth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per failed login, for the operator watching for guessing: the username as sent, the peer
 * address (and X-Forwarded-For as sent, when there is one) and whether a throttle now holds. Never
 * the password. Whatever the client sent is made printable and bounded first, so no username can
 * forge or split a log line.
 */
final class FailedLoginLog {

  private static final Logger log = LoggerFactory.getLogger(FailedLoginLog.class);
  private static final int MAX_USERNAME = 64;
  private static final int MAX_FORWARDED_FOR = 100;

  private FailedLoginLog() {}

  /** A password that was checked and did not match (or a username that does not exist). */
  static void wrongCredentials(LoginReservation.Allowed attempt) {
    String throttle =
        attempt.locksFor().isZero()
            ? "not throttled"
            : "throttled for " + LoginReservation.wholeSeconds(attempt.locksFor()) + " s";
    log.warn(
        "login failed for username '{}' from {}: {}",
        printable(attempt.username(), MAX_USERNAME),
        from(attempt.peer()),
        throttle);
  }

  /** An attempt refused unchecked while its username or address is locked. */
  static void refused(LoginReservation.Refused refused) {
    log.info(
        "login refused for username '{}' from {}: throttled for another {} s",
        printable(refused.username(), MAX_USERNAME),
        from(refused.peer()),
        LoginReservation.wholeSeconds(refused.retryAfter()));
  }

  private static String from(LoginPeer peer) {
    return peer.forwardedFor().isEmpty()
        ? peer.address()
        : peer.address()
            + " (X-Forwarded-For: "
            + printable(peer.forwardedFor(), MAX_FORWARDED_FOR)
            + ")";
  }

  /**
   * Control, format (e.g. bidi overrides) and separator characters and lone surrogates become '?'.
   */
  private static String printable(String text, int max) {
    StringBuilder out = new StringBuilder();
    text.codePoints().limit(max).forEach(c -> out.appendCodePoint(unsafe(c) ? '?' : c));
    return text.codePointCount(0, text.length()) > max
        ? out.append('…').toString()
        : out.toString();
  }

  private static boolean unsafe(int c) {
    return switch (Character.getType(c)) {
      case Character.CONTROL,
          Character.FORMAT,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR,
          Character.SURROGATE ->
          true;
      default -> false;
    };
  }
}
