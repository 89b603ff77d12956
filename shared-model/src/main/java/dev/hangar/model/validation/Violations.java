package dev.hangar.model.validation;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem of a request so the client can fix them all in one round. */
public final class Violations {

  private final List<Violation> found = new ArrayList<>();

  public void add(String field, String message) {
    found.add(new Violation(field, message));
  }

  public void required(String field, Object value) {
    if (value == null || (value instanceof String s && s.isBlank())) {
      add(field, "is required");
    }
  }

  public void maxLength(String field, String value, int max) {
    if (value != null && value.length() > max) {
      add(field, "must be at most " + max + " characters");
    }
  }

  public boolean isEmpty() {
    return found.isEmpty();
  }

  public List<Violation> list() {
    return List.copyOf(found);
  }

  /**
   * Runs a request's own checks, and the one every request shares: no text in it may hold a lone
   * surrogate. Returns what they found.
   */
  public static List<Violation> of(Validated request) {
    Violations v = new Violations();
    request.validate(v);
    UnpairedSurrogates.check("", request, v);
    return v.list();
  }
}
