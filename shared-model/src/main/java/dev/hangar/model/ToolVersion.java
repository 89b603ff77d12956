package dev.hangar.model;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A dotted numeric version such as {@code 16.2} or {@code 3.27.1}. Missing parts count as zero, so
 * a minimum of {@code 16} is met by {@code 16.2}. A pre-release or build suffix ({@code
 * 3.29.0-1.pre}) is ignored: runners report what they have, pipelines ask for a floor.
 */
public record ToolVersion(int[] parts) implements Comparable<ToolVersion> {

  private static final Pattern SHAPE =
      Pattern.compile("\\d{1,6}(\\.\\d{1,6}){0,3}([-+][0-9A-Za-z.-]{1,40})?");

  public ToolVersion {
    parts = parts.clone();
  }

  /** A copy, so a version cannot be changed through what it hands out. */
  @Override
  public int[] parts() {
    return parts.clone();
  }

  /** Parses a version; empty when the text is not a version. */
  public static Optional<ToolVersion> parse(String text) {
    if (text == null || !SHAPE.matcher(text).matches()) {
      return Optional.empty();
    }
    String numeric = text.split("[-+]", 2)[0];
    return Optional.of(
        new ToolVersion(Arrays.stream(numeric.split("\\.")).mapToInt(Integer::parseInt).toArray()));
  }

  /**
   * Whether {@code text} has a pre-release or build suffix (allowed for runners, not for minimums).
   */
  public static boolean hasSuffix(String text) {
    return text.contains("-") || text.contains("+");
  }

  public boolean atLeast(ToolVersion minimum) {
    return compareTo(minimum) >= 0;
  }

  @Override
  public int compareTo(ToolVersion other) {
    int length = Math.max(parts.length, other.parts.length);
    for (int i = 0; i < length; i++) {
      int mine = i < parts.length ? parts[i] : 0;
      int theirs = i < other.parts.length ? other.parts[i] : 0;
      if (mine != theirs) {
        return Integer.compare(mine, theirs);
      }
    }
    return 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ToolVersion v && compareTo(v) == 0;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(Arrays.copyOf(parts, significantParts()));
  }

  /**
   * The shortest spelling: no trailing zero parts, no leading zeros ({@code 016.2.0} is {@code
   * 16.2}), so equal versions print alike.
   */
  @Override
  public String toString() {
    return String.join(
        ".",
        Arrays.stream(parts, 0, Math.max(1, significantParts()))
            .mapToObj(Integer::toString)
            .toList());
  }

  /** How many parts count: trailing zeros do not, as {@code 16} equals {@code 16.0}. */
  private int significantParts() {
    int end = parts.length;
    while (end > 0 && parts[end - 1] == 0) {
      end--;
    }
    return end;
  }
}
