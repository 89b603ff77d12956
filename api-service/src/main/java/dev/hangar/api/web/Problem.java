package dev.hangar.api.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.hangar.model.validation.Violation;
import java.util.List;
import java.util.Locale;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * An RFC 9457 problem with Hangar's stable {@code code}; {@code errors} lists every field at fault
 * when validation failed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
    String type, String title, int status, String detail, String code, List<Violation> errors) {

  public static final MediaType MEDIA_TYPE = MediaType.APPLICATION_PROBLEM_JSON;

  /**
   * The code of a refusal that has only its status to go by: the reason phrase, e.g. {@code
   * method_not_allowed}.
   */
  public static String codeFor(HttpStatus status) {
    return status.getReasonPhrase().toLowerCase(Locale.ROOT).replace(' ', '_');
  }

  public static ResponseEntity<Problem> of(HttpStatus status, String code, String detail) {
    return of(status, code, detail, null);
  }

  public static ResponseEntity<Problem> of(
      HttpStatus status, String code, String detail, List<Violation> errors) {
    Problem problem =
        new Problem(
            "urn:hangar:problem:" + code,
            status.getReasonPhrase(),
            status.value(),
            detail,
            code,
            errors);
    // Refusals of credentials and signing requests must not linger in caches any more than answers
    // do.
    return ResponseEntity.status(status)
        .contentType(MEDIA_TYPE)
        .cacheControl(CacheControl.noStore())
        .body(problem);
  }
}
