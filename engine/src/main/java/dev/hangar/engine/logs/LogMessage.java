package dev.hangar.engine.logs;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What a build's log channel carries ({@link LogChannels}), as the engine's log scripts publish it:
 * a first line, then for a chunk the bytes appended. {@code <start>\n<bytes>} is a chunk stored at
 * byte {@code start}; {@code end <status> <length>\n} says the build ended with its log that long.
 */
public sealed interface LogMessage {

  /** Bytes appended to the stored log at {@code start}. */
  record Chunk(long start, byte[] bytes) implements LogMessage {
    public long end() {
      return start + bytes.length;
    }
  }

  /** The build ended; its log is {@code length} bytes and final. */
  record End(String status, long length) implements LogMessage {}

  /** A message as it came off the channel. */
  public static LogMessage parse(byte[] body) {
    int newline = 0;
    while (newline < body.length && body[newline] != '\n') {
      newline++;
    }
    String head = new String(body, 0, newline, StandardCharsets.US_ASCII);
    if (head.startsWith("end ")) {
      String[] parts = head.split(" ");
      return new End(parts.length > 2 ? parts[1] : "", Long.parseLong(parts[parts.length - 1]));
    }
    return new Chunk(
        Long.parseLong(head),
        Arrays.copyOfRange(body, Math.min(newline + 1, body.length), body.length));
  }
}
