package dev.hangar.api.logs;

import dev.hangar.api.web.ValidationFailedException;

/** The numbers the log endpoints take as text (query parameters, {@code Last-Event-ID}). */
final class LogQuery {

  private LogQuery() {}

  /** A byte offset: a whole number, 0 or more; absent means the start. */
  static long offset(String field, String value) {
    if (value == null || value.isEmpty()) {
      return 0;
    }
    try {
      long offset = Long.parseLong(value);
      if (offset >= 0) {
        return offset;
      }
    } catch (NumberFormatException notANumber) {
      // answered below like a negative one
    }
    throw ValidationFailedException.of(field, "must be a byte offset: a whole number, 0 or more");
  }

  /** The offset a runner's chunk starts at, required. */
  static long chunkOffset(String value) {
    if (value == null || value.isEmpty()) {
      throw ValidationFailedException.of(
          "offset", "is required: where the chunk starts in the attempt's output, in bytes");
    }
    return offset("offset", value);
  }
}
