package dev.hangar.model.validation;

/** A request that can say what is wrong with it, naming fields as they appear on the wire. */
public interface Validated {
  void validate(Violations violations);
}
