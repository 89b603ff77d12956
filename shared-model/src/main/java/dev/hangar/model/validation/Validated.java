package dev.hangar.model.validation;

/**
 * A request that can say what is wrong with it, naming fields as they appear on the wire. Requests
 * are records: {@link Violations#of} reads every string they hold for lone surrogates, so {@link
 * #validate} need not.
 */
public interface Validated {
  void validate(Violations violations);
}
