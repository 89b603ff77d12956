package dev.hangar.model.signing;

import dev.hangar.model.validation.Violations;
import java.util.Base64;
import java.util.Optional;

/**
 * Base64 fields of signing uploads: decoded once, with a violation naming the field when they are
 * not.
 */
final class Base64Field {

  private Base64Field() {}

  static Optional<byte[]> decode(String field, String value, Violations v) {
    if (value == null || value.isBlank()) {
      v.add(field, "is required");
      return Optional.empty();
    }
    try {
      byte[] bytes = Base64.getMimeDecoder().decode(value);
      if (bytes.length == 0) {
        v.add(field, "decodes to nothing");
        return Optional.empty();
      }
      return Optional.of(bytes);
    } catch (IllegalArgumentException e) {
      v.add(field, "is not valid base64");
      return Optional.empty();
    }
  }
}
