package dev.hangar.api.artifacts;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a {@code Range} header asks of a file of a known size (RFC 9110 section 14). One range is
 * served as asked; several ranges, another unit or a malformed header are served as the whole file,
 * which the RFC allows and every download client copes with, rather than as multipart answers
 * nobody needs for a build artifact.
 */
sealed interface RangeRequest {

  /** The first {@code length} bytes from {@code start}. */
  record Part(long start, long length) implements RangeRequest {

    long end() {
      return start + length - 1;
    }
  }

  /** The whole file. */
  record Whole() implements RangeRequest {}

  /** A single range that lies past the end of the file (416). */
  record Unsatisfiable() implements RangeRequest {}

  Pattern SINGLE = Pattern.compile("(\\d*)-(\\d*)");

  static RangeRequest of(String header, long size) {
    if (header == null) {
      return new Whole();
    }
    String value = header.trim();
    if (!value.toLowerCase(Locale.ROOT).startsWith("bytes=")) {
      return new Whole();
    }
    Matcher range = SINGLE.matcher(value.substring(6).trim());
    if (!range.matches() || (range.group(1).isEmpty() && range.group(2).isEmpty())) {
      return new Whole();
    }
    if (range.group(1).isEmpty()) {
      long suffix = number(range.group(2));
      if (suffix == 0 || size == 0) {
        return new Unsatisfiable();
      }
      long start = Math.max(0, size - suffix);
      return new Part(start, size - start);
    }
    long start = number(range.group(1));
    if (!range.group(2).isEmpty() && number(range.group(2)) < start) {
      return new Whole();
    }
    if (start >= size) {
      return new Unsatisfiable();
    }
    long end = range.group(2).isEmpty() ? size - 1 : Math.min(number(range.group(2)), size - 1);
    return new Part(start, end - start + 1);
  }

  /** Digits as a number; more than a long holds is as far past any file's end as it needs. */
  private static long number(String digits) {
    return digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
  }
}
