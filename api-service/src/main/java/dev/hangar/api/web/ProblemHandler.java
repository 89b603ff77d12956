package dev.hangar.api.web;

import dev.hangar.engine.EngineException;
import dev.hangar.model.validation.Names;
import dev.hangar.model.validation.Violation;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every failure leaves as RFC 9457 problem+json with a stable {@code code}. Bad input is a 4xx that
 * names the field; an outage of Redis or RabbitMQ is a 503; only a genuine bug is a 500, and its
 * details go to the log, never to the client.
 */
@RestControllerAdvice
public class ProblemHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

  @ExceptionHandler(ApiException.class)
  ResponseEntity<Problem> api(ApiException e) {
    return challengedIfUnauthorized(Problem.of(e.status(), e.code(), e.getMessage()));
  }

  @ExceptionHandler(EngineException.class)
  ResponseEntity<Problem> engine(EngineException e) {
    HttpStatus status =
        switch (e.kind()) {
          case UNAUTHORIZED -> HttpStatus.UNAUTHORIZED;
          case NOT_FOUND -> HttpStatus.NOT_FOUND;
          case FORBIDDEN -> HttpStatus.FORBIDDEN;
          case CONFLICT -> HttpStatus.CONFLICT;
        };
    return challengedIfUnauthorized(Problem.of(status, e.code(), e.getMessage()));
  }

  /** RFC 9110 requires a challenge on every 401; a bearer token is the only scheme Hangar takes. */
  private static ResponseEntity<Problem> challengedIfUnauthorized(ResponseEntity<Problem> problem) {
    if (problem.getStatusCode() != HttpStatus.UNAUTHORIZED) {
      return problem;
    }
    return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
        .headers(problem.getHeaders())
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"hangar\"")
        .body(problem.getBody());
  }

  @ExceptionHandler(ValidationFailedException.class)
  ResponseEntity<Problem> validation(ValidationFailedException e) {
    return Problem.of(HttpStatus.BAD_REQUEST, "validation_failed", e.getMessage(), e.violations());
  }

  @ExceptionHandler(JacksonException.class)
  ResponseEntity<Problem> json(JacksonException e) {
    String field = path(e);
    if (e instanceof UnrecognizedPropertyException) {
      return Problem.of(HttpStatus.BAD_REQUEST, "unknown_field", "unknown field '" + field + "'");
    }
    if (e instanceof InvalidFormatException invalid
        && invalid.getTargetType() != null
        && invalid.getTargetType().isEnum()) {
      String allowed =
          Arrays.stream(invalid.getTargetType().getEnumConstants())
              .map(c -> c.toString().toLowerCase(Locale.ROOT))
              .collect(Collectors.joining(", "));
      return Problem.of(
          HttpStatus.BAD_REQUEST,
          "validation_failed",
          field
              + ": unknown value "
              + Names.clip(String.valueOf(invalid.getValue()))
              + "; expected one of "
              + allowed,
          List.of(new Violation(field, "must be one of " + allowed)));
    }
    if (e instanceof DatabindException && !(e instanceof StreamReadException) && !field.isEmpty()) {
      return Problem.of(
          HttpStatus.BAD_REQUEST,
          "validation_failed",
          field + ": wrong type or shape",
          List.of(new Violation(field, "wrong type or shape")));
    }
    // Only where, never Jackson's own words: they quote the offending text, which may be a
    // password.
    String where =
        e.getLocation() == null
            ? ""
            : " at line "
                + e.getLocation().getLineNr()
                + ", column "
                + e.getLocation().getColumnNr();
    return Problem.of(
        HttpStatus.BAD_REQUEST,
        "malformed_json",
        "the body is not valid JSON" + where + (field.isEmpty() ? "" : " (in '" + field + "')"));
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Problem> unreadable(HttpMessageNotReadableException e) {
    if (causedBy(e, BodyLimitFilter.PayloadTooLargeException.class)) {
      return tooLarge();
    }
    return Problem.of(
        HttpStatus.BAD_REQUEST, "malformed_body", "the request body could not be read");
  }

  @ExceptionHandler(BodyLimitFilter.PayloadTooLargeException.class)
  ResponseEntity<Problem> tooLarge() {
    return BodyLimitFilter.tooLarge();
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<Problem> parameter(MethodArgumentTypeMismatchException e) {
    return Problem.of(
        HttpStatus.BAD_REQUEST, "invalid_parameter", e.getName() + " has an invalid value");
  }

  @ExceptionHandler({DataAccessException.class, AmqpException.class})
  ResponseEntity<Problem> unavailable(RuntimeException e) {
    log.warn("backing service unavailable: {}", e.toString());
    return Problem.of(
        HttpStatus.SERVICE_UNAVAILABLE,
        "service_unavailable",
        "Redis or RabbitMQ is not reachable; retry shortly");
  }

  /**
   * Spring MVC's own refusals (unknown path, wrong method, ...) keep their status; the rest is a
   * bug.
   */
  @ExceptionHandler(Exception.class)
  ResponseEntity<Problem> unexpected(Exception e) {
    if (e instanceof ErrorResponse error) {
      HttpStatus status = HttpStatus.resolve(error.getStatusCode().value());
      status = status == null ? HttpStatus.BAD_REQUEST : status;
      ResponseEntity<Problem> problem =
          Problem.of(status, Problem.codeFor(status), error.getBody().getDetail());
      // Keep the headers the refusal comes with, such as Allow on a 405 (RFC 9110 requires it).
      return ResponseEntity.status(status)
          .headers(problem.getHeaders())
          .headers(error.getHeaders())
          .body(problem.getBody());
    }
    log.error("unexpected failure", e);
    return Problem.of(
        HttpStatus.INTERNAL_SERVER_ERROR,
        "internal_error",
        "an unexpected error occurred; it has been logged");
  }

  /** The JSON path of the failing field in wire form, e.g. {@code capabilities.platforms[0]}. */
  private static String path(JacksonException e) {
    StringBuilder path = new StringBuilder();
    for (JacksonException.Reference ref : e.getPath()) {
      if (ref.getPropertyName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(ref.getPropertyName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
