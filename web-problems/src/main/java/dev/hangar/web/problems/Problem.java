package dev.hangar.web.problems;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.springframework.http.ProblemDetail;

/**
 * A problem as Hangar writes it: {@code type}, {@code title}, {@code status}, {@code detail}, then
 * its properties ({@code code}, {@code errors}) beside them, as Spring's mixin lays them out. Never
 * {@code instance}: Spring MVC fills it with the request path, which would echo what the client
 * sent, while {@code type} and {@code code} already say what happened. Declared on a class of its
 * own so every mapper writes the same shape, Spring Boot's included, with nothing to configure.
 */
@JsonPropertyOrder({"type", "title", "status", "detail"})
@JsonIgnoreProperties("instance")
final class Problem extends ProblemDetail {

  Problem(int status) {
    super(status);
  }
}
