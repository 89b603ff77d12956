package dev.hangar.api.web;

import dev.hangar.engine.EngineException;
import dev.hangar.model.WireName;
import dev.hangar.model.validation.Names;
import dev.hangar.model.validation.Violation;
import dev.hangar.web.problems.ProblemAnswers;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every failure Spring MVC sees leaves as RFC 9457 problem+json with a stable {@code code}, built
 * by {@link ProblemAnswers}. Bad input is a 4xx that names the field; an outage of Redis or
 * RabbitMQ is a 503; only a genuine bug is a 500, and its details go to the log, never to the
 * client.
 */
@RestControllerAdvice
public class ProblemHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

  @ExceptionHandler(ApiException.class)
  ResponseEntity<ProblemDetail> api(ApiException e) {
    ProblemDetail problem = ProblemAnswers.problem(e.status(), e.code(), e.getMessage());
    e.members().forEach(problem::setProperty);
    return ProblemAnswers.answer(problem, e.headers());
  }

  @ExceptionHandler(EngineException.class)
  ResponseEntity<ProblemDetail> engine(EngineException e) {
    HttpStatus status =
        switch (e.kind()) {
          case UNAUTHORIZED -> HttpStatus.UNAUTHORIZED;
          case NOT_FOUND -> HttpStatus.NOT_FOUND;
          case FORBIDDEN -> HttpStatus.FORBIDDEN;
          case CONFLICT -> HttpStatus.CONFLICT;
        };
    return ProblemAnswers.answer(ProblemAnswers.problem(status, e.code(), e.getMessage()));
  }

  @ExceptionHandler(ValidationFailedException.class)
  ResponseEntity<ProblemDetail> validation(ValidationFailedException e) {
    return invalid(e.getMessage(), e.violations());
  }

  @ExceptionHandler(JacksonException.class)
  ResponseEntity<ProblemDetail> json(JacksonException e) {
    String field = path(e);
    if (e instanceof UnrecognizedPropertyException) {
      return badRequest("unknown_field", "unknown field '" + field + "'");
    }
    if (e instanceof InvalidFormatException invalid
        && invalid.getTargetType() != null
        && invalid.getTargetType().isEnum()) {
      String allowed =
          Arrays.stream(invalid.getTargetType().getEnumConstants())
              .map(c -> c instanceof WireName named ? named.wire() : c.toString())
              .collect(Collectors.joining(", "));
      return invalid(
          field
              + ": unknown value "
              + Names.clip(String.valueOf(invalid.getValue()))
              + "; expected one of "
              + allowed,
          List.of(new Violation(field, "must be one of " + allowed)));
    }
    // Well-formed JSON whose number does not fit the field (e.g. 2^40 days) is a bad value.
    if (e instanceof InputCoercionException && !field.isEmpty()) {
      return invalid(
          field + ": number out of range", List.of(new Violation(field, "number out of range")));
    }
    if (e instanceof DatabindException && !(e instanceof StreamReadException) && !field.isEmpty()) {
      return invalid(
          field + ": wrong type or shape", List.of(new Violation(field, "wrong type or shape")));
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
    return badRequest(
        "malformed_json",
        "the body is not valid JSON" + where + (field.isEmpty() ? "" : " (in '" + field + "')"));
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
    if (causedBy(e, BodyLimitFilter.PayloadTooLargeException.class)) {
      return tooLarge();
    }
    return badRequest("malformed_body", "the request body could not be read");
  }

  @ExceptionHandler(BodyLimitFilter.PayloadTooLargeException.class)
  ResponseEntity<ProblemDetail> tooLarge() {
    return ProblemAnswers.answer(BodyLimitFilter.tooLarge());
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ProblemDetail> parameter(MethodArgumentTypeMismatchException e) {
    return badRequest("invalid_parameter", e.getName() + " has an invalid value");
  }

  @ExceptionHandler({DataAccessException.class, AmqpException.class})
  ResponseEntity<ProblemDetail> unavailable(RuntimeException e) {
    log.warn("backing service unavailable: {}", e.toString());
    return ProblemAnswers.answer(
        ProblemAnswers.problem(
            HttpStatus.SERVICE_UNAVAILABLE,
            "service_unavailable",
            "Redis or RabbitMQ is not reachable; retry shortly"));
  }

  /**
   * Spring MVC's own refusals (unknown path, wrong method, ...) keep their status; the rest is a
   * bug.
   */
  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e) {
    return ProblemAnswers.unhandled(e);
  }

  private static ResponseEntity<ProblemDetail> badRequest(String code, String detail) {
    return ProblemAnswers.answer(ProblemAnswers.problem(HttpStatus.BAD_REQUEST, code, detail));
  }

  private static ResponseEntity<ProblemDetail> invalid(String detail, List<Violation> errors) {
    return ProblemAnswers.answer(
        ProblemAnswers.problem(HttpStatus.BAD_REQUEST, "validation_failed", detail, errors));
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
