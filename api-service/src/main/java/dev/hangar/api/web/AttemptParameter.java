package dev.hangar.api.web;

/**
 * The {@code attempt} query parameter of a runner's writes beside its status (log chunks,
 * artifacts): required, as they are fenced by it like a status update.
 */
public final class AttemptParameter {

  private AttemptParameter() {}

  /** The attempt named, a whole number from 1; {@code validation_failed} otherwise. */
  public static int required(String value) {
    try {
      int attempt = Integer.parseInt(value == null ? "" : value);
      if (attempt >= 1) {
        return attempt;
      }
    } catch (NumberFormatException notANumber) {
      // answered below like an out-of-range value
    }
    throw ValidationFailedException.of(
        "attempt", "is required: the attempt this runner holds, a whole number from 1");
  }
}
