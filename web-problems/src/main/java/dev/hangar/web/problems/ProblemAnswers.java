package dev.hangar.web.problems;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;

/**
 * Every problem answer both processes give is built here, whichever layer refuses the request:
 * Spring MVC's handlers, servlet filters, the Tomcat valve. An RFC 9457 {@link ProblemDetail} whose
 * {@code code} property is Hangar's stable code, {@code type} {@code urn:hangar:problem:<code>},
 * {@code title} the status's reason phrase, and {@code errors} every field at fault when validation
 * failed.
 */
public final class ProblemAnswers {

  /** RFC 9110 requires a challenge on every 401; a bearer token is the only scheme Hangar takes. */
  private static final String BEARER_CHALLENGE = "Bearer realm=\"hangar\"";

  private static final Logger log = LoggerFactory.getLogger(ProblemAnswers.class);

  private ProblemAnswers() {}

  public static ProblemDetail problem(HttpStatusCode status, String code, String detail) {
    ProblemDetail problem = new Problem(status.value());
    problem.setDetail(detail);
    problem.setType(URI.create("urn:hangar:problem:" + code));
    problem.setTitle(title(status));
    problem.setProperty("code", code);
    return problem;
  }

  /** A problem that lists each field at fault, as {@code validation_failed} does. */
  public static ProblemDetail problem(
      HttpStatusCode status, String code, String detail, List<?> errors) {
    ProblemDetail problem = problem(status, code, detail);
    problem.setProperty("errors", errors);
    return problem;
  }

  /**
   * A refusal that has only its status to go by (Spring MVC's own, Tomcat's): its code is the
   * reason phrase in snake case, e.g. {@code method_not_allowed}.
   */
  public static ProblemDetail refusal(HttpStatusCode status, String detail) {
    HttpStatus known = HttpStatus.resolve(status.value());
    String code =
        known == null
            ? "error"
            : known.getReasonPhrase().toLowerCase(Locale.ROOT).replace(' ', '_');
    return problem(status, code, detail);
  }

  /** A bug: its details go to the log, never to the client. */
  public static ProblemDetail internalError() {
    return problem(
        HttpStatus.INTERNAL_SERVER_ERROR,
        "internal_error",
        "an unexpected error occurred; it has been logged");
  }

  /**
   * The answer for a failure no more specific handler took. Spring MVC's own refusals (unknown
   * path, wrong method, unacceptable {@code Accept}) keep their status, detail and headers, such as
   * the {@code Allow} RFC 9110 requires on a 405; anything else is a bug, logged here.
   */
  public static ResponseEntity<ProblemDetail> unhandled(Exception failure) {
    if (failure instanceof ErrorResponse refusal) {
      return answer(
          refusal(refusal.getStatusCode(), refusal.getBody().getDetail()), refusal.getHeaders());
    }
    log.error("unexpected failure", failure);
    return answer(internalError());
  }

  public static ResponseEntity<ProblemDetail> answer(ProblemDetail problem) {
    return answer(problem, HttpHeaders.EMPTY);
  }

  /** The problem with headers the refusal carries, such as {@code Retry-After} on a 429. */
  public static ResponseEntity<ProblemDetail> answer(ProblemDetail problem, HttpHeaders headers) {
    return ResponseEntity.status(problem.getStatus())
        .headers(headers)
        .headers(headersOf(problem))
        .body(problem);
  }

  /**
   * Writes the problem straight onto the response, for what answers before Spring MVC does (a
   * servlet filter).
   */
  public static void write(ProblemDetail problem, HttpServletResponse response) throws IOException {
    response.setStatus(problem.getStatus());
    headersOf(problem).forEach((name, values) -> values.forEach(v -> response.setHeader(name, v)));
    response.getOutputStream().write(ProblemJson.write(problem));
  }

  /**
   * The headers every problem goes out with. No cache may keep one: refusals of credentials and
   * signing requests must not linger in caches any more than the answers do.
   */
  static HttpHeaders headersOf(ProblemDetail problem) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    headers.setCacheControl(CacheControl.noStore());
    if (problem.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
      headers.set(HttpHeaders.WWW_AUTHENTICATE, BEARER_CHALLENGE);
    }
    return headers;
  }

  private static String title(HttpStatusCode status) {
    HttpStatus known = HttpStatus.resolve(status.value());
    return known == null ? "Error" : known.getReasonPhrase();
  }
}
