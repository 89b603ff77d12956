package dev.hangar.dispatch;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The dispatcher's main port answers /livez and /readyz and nothing else (metrics and health with
 * its components are on the management port). Whatever else is asked there is refused as RFC 9457
 * problem+json with a stable {@code code}, as the api-service refuses it, never as Spring's error
 * page.
 */
@RestControllerAdvice
class MainPortRefusals {

  private static final Logger log = LoggerFactory.getLogger(MainPortRefusals.class);

  /**
   * Spring MVC's own refusals (unknown path, wrong method) keep their status; anything else is a
   * bug.
   */
  @ExceptionHandler(Exception.class)
  ResponseEntity<Refusal> refuse(Exception e) {
    if (e instanceof ErrorResponse error) {
      HttpStatus status = HttpStatus.resolve(error.getStatusCode().value());
      // Keep the headers the refusal comes with, such as Allow on a 405 (RFC 9110 requires it).
      return answer(
          status == null ? HttpStatus.BAD_REQUEST : status,
          error.getHeaders(),
          error.getBody().getDetail());
    }
    log.error("unexpected failure", e);
    return answer(
        HttpStatus.INTERNAL_SERVER_ERROR,
        HttpHeaders.EMPTY,
        "an unexpected error occurred; it has been logged");
  }

  private static ResponseEntity<Refusal> answer(
      HttpStatus status, HttpHeaders headers, String detail) {
    return ResponseEntity.status(status)
        .headers(headers)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .cacheControl(CacheControl.noStore())
        .body(Refusal.of(status, detail));
  }

  /**
   * The api-service's problem shape: {@code code} is the reason phrase in snake case, e.g. {@code
   * not_found}.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Refusal(String type, String title, int status, String detail, String code) {

    static Refusal of(HttpStatus status, String detail) {
      String code = status.getReasonPhrase().toLowerCase(Locale.ROOT).replace(' ', '_');
      return new Refusal(
          "urn:hangar:problem:" + code, status.getReasonPhrase(), status.value(), detail, code);
    }
  }
}
