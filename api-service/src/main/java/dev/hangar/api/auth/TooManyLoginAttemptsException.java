package dev.hangar.api.auth;

import dev.hangar.api.web.ApiException;
import java.time.Duration;
import org.springframework.http.HttpStatus;

/**
 * 429 {@code too_many_attempts}, answered with {@code Retry-After} by {@link
 * TooManyLoginAttemptsAnswer}. The words are the same whether or not the username exists, and
 * whichever limit was reached.
 */
class TooManyLoginAttemptsException extends ApiException {

  private final long retryAfterSeconds;

  TooManyLoginAttemptsException(Duration retryAfter) {
    this(LoginReservation.wholeSeconds(retryAfter));
  }

  private TooManyLoginAttemptsException(long retryAfterSeconds) {
    super(
        HttpStatus.TOO_MANY_REQUESTS,
        "too_many_attempts",
        "too many failed logins for this username or from this address; try again in "
            + retryAfterSeconds
            + " s");
    this.retryAfterSeconds = retryAfterSeconds;
  }

  long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
