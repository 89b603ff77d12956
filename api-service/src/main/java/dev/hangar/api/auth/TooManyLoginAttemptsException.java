package dev.hangar.api.auth;

import dev.hangar.api.web.ApiException;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * 429 {@code too_many_attempts} with the {@code Retry-After} (whole seconds) that RFC 9110 pairs
 * with it. The words are the same whether or not the username exists, and whichever limit was
 * reached.
 */
class TooManyLoginAttemptsException extends ApiException {

  TooManyLoginAttemptsException(Duration retryAfter) {
    this(LoginReservation.wholeSeconds(retryAfter));
  }

  private TooManyLoginAttemptsException(long retryAfterSeconds) {
    super(
        HttpStatus.TOO_MANY_REQUESTS,
        "too_many_attempts",
        "too many failed logins for this username or from this address; try again in "
            + retryAfterSeconds
            + " s",
        retryAfter(retryAfterSeconds));
  }

  private static HttpHeaders retryAfter(long seconds) {
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
    return headers;
  }
}
