package dev.hangar.model.artifacts;

import dev.hangar.model.validation.Names;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The name an artifact is stored, listed and downloaded under: one file name, never a path, so it
 * can name a file in a directory or a key in a bucket and cannot climb out of either.
 */
public final class ArtifactName {

  /** In UTF-8 bytes, the longest file name the common file systems take. */
  public static final int MAX_BYTES = 255;

  private ArtifactName() {}

  /** What is wrong with {@code name} as an artifact name, if anything. */
  public static Optional<String> problem(String name) {
    if (name == null || name.isEmpty()) {
      return Optional.of("must not be empty");
    }
    if (name.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      return Optional.of("must be at most " + MAX_BYTES + " bytes in UTF-8");
    }
    if (name.equals(".") || name.equals("..")) {
      return Optional.of("must not be . or ..");
    }
    if (name.startsWith(".")) {
      return Optional.of("must not start with a dot, was '" + Names.clip(name) + "'");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '/' || c == '\\') {
        return Optional.of("must be a file name without / or \\");
      }
      if (Character.isISOControl(c)) {
        return Optional.of("must not hold control characters");
      }
      if (Character.isSurrogate(c)
          && !(Character.isHighSurrogate(c)
              && i + 1 < name.length()
              && Character.isLowSurrogate(name.charAt(++i)))) {
        return Optional.of("must be valid Unicode");
      }
    }
    return Optional.empty();
  }
}
