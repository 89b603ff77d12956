package dev.hangar.dispatch;

import dev.hangar.web.problems.ProblemAnswers;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The dispatcher's main port answers /livez and /readyz and nothing else (metrics and health with
 * its components are on the management port). Whatever else is asked there is refused with the
 * api-service's problems ({@link ProblemAnswers}), never with Spring's error page; what Tomcat
 * refuses itself, such as {@code TRACE}, goes through the same problems by its valve.
 */
@RestControllerAdvice
class MainPortRefusals {

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> refuse(Exception e) {
    return ProblemAnswers.unhandled(e);
  }
}
