package dev.hangar.model.validation;

import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Map;

/**
 * Finds text that is not well-formed Unicode: a UTF-16 surrogate (U+D800 to U+DFFF) without its
 * partner. JSON can carry one as an escape, but UTF-8 cannot, so Redis would keep a {@code ?} in
 * its place and the client would never learn its text was changed. Every string a request holds is
 * checked, found by walking its records, lists and maps, so no field of any request can be missed.
 */
final class UnpairedSurrogates {

  private static final String MESSAGE =
      "must be well-formed Unicode, without a lone surrogate (U+D800 to U+DFFF unpaired)";

  private UnpairedSurrogates() {}

  /** Adds a violation for every string under {@code value} that holds an unpaired surrogate. */
  static void check(String field, Object value, Violations v) {
    switch (value) {
      case String text -> {
        if (hasUnpaired(text)) {
          v.add(field, MESSAGE);
        }
      }
      case Record record -> {
        for (RecordComponent component : record.getClass().getRecordComponents()) {
          check(child(field, wireName(component.getName())), read(component, record), v);
        }
      }
      case Map<?, ?> map ->
          map.forEach(
              (key, entry) -> {
                if (key instanceof String name && hasUnpaired(name)) {
                  v.add(field, "keys " + MESSAGE);
                } else {
                  check(child(field, String.valueOf(key)), entry, v);
                }
              });
      case Collection<?> items -> {
        int i = 0;
        for (Object item : items) {
          check(field + "[" + i + "]", item, v);
          i++;
        }
      }
      case null, default -> {}
    }
  }

  static boolean hasUnpaired(String text) {
    // A pair is read as one code point; only a surrogate without its partner is left as one.
    return text.codePoints().anyMatch(c -> Character.getType(c) == Character.SURROGATE);
  }

  private static String child(String field, String name) {
    return field.isEmpty() ? name : field + "." + name;
  }

  /**
   * The API spells fields in snake_case ({@code commitSha} is {@code commit_sha}), as violations
   * must.
   */
  private static String wireName(String component) {
    StringBuilder name = new StringBuilder(component.length() + 4);
    for (char c : component.toCharArray()) {
      if (Character.isUpperCase(c)) {
        name.append('_').append(Character.toLowerCase(c));
      } else {
        name.append(c);
      }
    }
    return name.toString();
  }

  private static Object read(RecordComponent component, Record record) {
    try {
      return component.getAccessor().invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read " + component + " of a request", e);
    }
  }
}
