package dev.hangar.api.web;

import dev.hangar.model.validation.Violation;
import java.util.List;

/** A request that parsed but broke one or more rules; every violation goes back to the client. */
public class ValidationFailedException extends RuntimeException {

  private final List<Violation> violations;

  public ValidationFailedException(List<Violation> violations) {
    super(
        violations.stream()
            .map(v -> v.field() + " " + v.message())
            .reduce((a, b) -> a + "; " + b)
            .orElse("invalid request"));
    this.violations = violations;
  }

  public static ValidationFailedException of(String field, String message) {
    return new ValidationFailedException(List.of(new Violation(field, message)));
  }

  public List<Violation> violations() {
    return violations;
  }
}
