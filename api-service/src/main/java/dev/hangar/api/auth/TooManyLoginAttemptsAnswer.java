package dev.hangar.api.auth;

import dev.hangar.api.web.Problem;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The throttled login's problem with the {@code Retry-After} (whole seconds) that RFC 9110 pairs
 * with a 429. Ordered ahead of {@code ProblemHandler}, which answers every other {@code
 * ApiException}.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class TooManyLoginAttemptsAnswer {

  @ExceptionHandler(TooManyLoginAttemptsException.class)
  ResponseEntity<Problem> tooManyAttempts(TooManyLoginAttemptsException e) {
    ResponseEntity<Problem> problem = Problem.of(e.status(), e.code(), e.getMessage());
    return ResponseEntity.status(problem.getStatusCode())
        .headers(problem.getHeaders())
        .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
        .body(problem.getBody());
  }
}
