package dev.hangar.api.artifacts;

import java.nio.charset.StandardCharsets;

/**
 * {@code Content-Disposition: attachment} for an artifact's name (RFC 6266): the name itself in
 * {@code filename*} (UTF-8, percent-encoded, RFC 8187), and for clients that only read {@code
 * filename} an ASCII stand-in with every other character replaced by {@code _}.
 */
final class AttachmentHeader {

  private static final String ATTR_CHARS = "!#$&+-.^_`|~";

  private AttachmentHeader() {}

  static String of(String name) {
    StringBuilder ascii = new StringBuilder();
    name.codePoints()
        .forEach(
            c ->
                ascii.append(
                    c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%' ? (char) c : '_'));
    StringBuilder encoded = new StringBuilder();
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || ATTR_CHARS.indexOf(c) >= 0) {
        encoded.append((char) c);
      } else {
        encoded.append('%').append(String.format("%02X", c));
      }
    }
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
  }
}
