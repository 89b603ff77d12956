package dev.hangar.runner.api;

import java.nio.charset.StandardCharsets;

/**
 * Text as one segment of a URL path (RFC 3986): unreserved characters as they are, every other byte
 * of its UTF-8 percent-encoded, so a name with spaces, {@code +}, {@code #} or {@code ?} arrives as
 * itself.
 */
final class PathSegment {

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private PathSegment() {}

  static String encode(String text) {
    StringBuilder encoded = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c >= 'a' && c <= 'z'
          || c >= 'A' && c <= 'Z'
          || c >= '0' && c <= '9'
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        encoded.append((char) c);
      } else {
        encoded.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
    return encoded.toString();
  }
}
