package dev.hangar.engine.storage;

import java.util.Optional;

/**
 * The shape every {@link BlobStore} key must have, checked by each store before it touches
 * anything: relative, {@code /}-separated, no empty, {@code .} or {@code ..} segment and no segment
 * starting with a dot (the directory store keeps its pending files under such names), no control
 * characters or backslashes. So no key can climb out of a store's directory or prefix.
 */
public final class BlobKeys {

  /** Far above any key Hangar builds; S3 takes 1024 bytes. */
  public static final int MAX_LENGTH = 512;

  private BlobKeys() {}

  /** {@code key} itself when it is well-formed; {@link IllegalArgumentException} otherwise. */
  public static String require(String key) {
    problem(key)
        .ifPresent(
            p -> {
              throw new IllegalArgumentException("invalid blob key: " + p);
            });
    return key;
  }

  static Optional<String> problem(String key) {
    if (key == null || key.isEmpty()) {
      return Optional.of("empty");
    }
    if (key.length() > MAX_LENGTH) {
      return Optional.of("longer than " + MAX_LENGTH + " characters");
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c == '\\' || Character.isISOControl(c)) {
        return Optional.of("holds a backslash or a control character");
      }
    }
    for (String segment : key.split("/", -1)) {
      if (segment.isEmpty()) {
        return Optional.of("an empty segment (a leading, trailing or doubled /)");
      }
      if (segment.startsWith(".")) {
        return Optional.of("a segment starting with a dot");
      }
    }
    return Optional.empty();
  }
}
