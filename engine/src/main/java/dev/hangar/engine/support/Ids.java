package dev.hangar.engine.support;

import java.security.SecureRandom;

/** Opaque ids with a type prefix ({@code build_…}, {@code runner_…}): 80 random bits in base32. */
public final class Ids {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

  private Ids() {}

  public static String next(String type) {
    byte[] bytes = new byte[10];
    RANDOM.nextBytes(bytes);
    StringBuilder id = new StringBuilder(type).append('_');
    long bits = 0;
    int available = 0;
    for (byte b : bytes) {
      bits = (bits << 8) | (b & 0xff);
      available += 8;
      while (available >= 5) {
        available -= 5;
        id.append(ALPHABET[(int) ((bits >> available) & 31)]);
      }
    }
    return id.toString();
  }

  /**
   * Whether text is shaped like an id of this type, so malformed ids are refused before any lookup.
   */
  public static boolean looksLike(String type, String text) {
    return text != null
        && text.length() == type.length() + 17
        && text.startsWith(type + "_")
        && text.substring(type.length() + 1)
            .chars()
            .allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '2' && c <= '7'));
  }
}
