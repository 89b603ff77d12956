package dev.hangar.api.logs;

import dev.hangar.engine.logs.LogText;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Objects;

/**
 * Replaces every secret in a log that arrives in chunks by {@link LogText#MASK}, also a secret cut
 * in two by a chunk boundary: the end of a chunk that could be the start of a secret is held back
 * as the pending tail and put in front of the next chunk. Works on bytes (secrets as UTF-8), so a
 * chunk may end anywhere. Values shorter than {@link #MIN_LENGTH} characters are left alone, as the
 * runner does: masking them would garble ordinary output and hide little.
 */
final class SecretMask {

  static final int MIN_LENGTH = 4;
  private static final byte[] MASK = LogText.MASK.getBytes(StandardCharsets.UTF_8);
  private static final byte[] NONE = new byte[0];

  /** Longest first, so a secret that contains another is masked whole. */
  private final byte[][] secrets;

  /** The bytes a secret starts with: every other byte is passed over at once. */
  private final boolean[] starts = new boolean[256];

  SecretMask(Collection<String> values) {
    this.secrets =
        values.stream()
            .filter(Objects::nonNull)
            .filter(v -> v.length() >= MIN_LENGTH)
            .distinct()
            .map(v -> v.getBytes(StandardCharsets.UTF_8))
            .sorted(Comparator.comparingInt((byte[] s) -> s.length).reversed())
            .toArray(byte[][]::new);
    for (byte[] secret : secrets) {
      starts[secret[0] & 0xff] = true;
    }
  }

  /**
   * What to store of {@code chunk}, which follows {@code pending} (the tail held back from the
   * chunk before), and what to hold back now.
   */
  Masked apply(byte[] pending, byte[] chunk) {
    byte[] data = pending.length == 0 ? chunk : concat(pending, chunk);
    if (secrets.length == 0) {
      return new Masked(data, NONE);
    }
    ByteArrayOutputStream stored = new ByteArrayOutputStream(data.length);
    int plain = 0;
    for (int i = 0; i < data.length; ) {
      if (!starts[data[i] & 0xff]) {
        i++;
        continue;
      }
      if (mayContinue(data, i)) {
        stored.write(data, plain, i - plain);
        return new Masked(stored.toByteArray(), Arrays.copyOfRange(data, i, data.length));
      }
      int matched = longestMatch(data, i);
      if (matched == 0) {
        i++;
        continue;
      }
      stored.write(data, plain, i - plain);
      stored.writeBytes(MASK);
      i += matched;
      plain = i;
    }
    stored.write(data, plain, data.length - plain);
    return new Masked(stored.toByteArray(), NONE);
  }

  /** Whether the data ends inside what may be a secret starting at {@code at}. */
  private boolean mayContinue(byte[] data, int at) {
    int left = data.length - at;
    for (byte[] secret : secrets) {
      if (left < secret.length && Arrays.equals(data, at, data.length, secret, 0, left)) {
        return true;
      }
    }
    return false;
  }

  /** The length of the longest secret at {@code at}, or 0. */
  private int longestMatch(byte[] data, int at) {
    for (byte[] secret : secrets) {
      if (data.length - at >= secret.length
          && Arrays.equals(data, at, at + secret.length, secret, 0, secret.length)) {
        return secret.length;
      }
    }
    return 0;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] joined = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, joined, a.length, b.length);
    return joined;
  }

  /**
   * A chunk masked.
   *
   * @param stored what the log gains
   * @param pending the end held back as the possible start of a secret
   */
  record Masked(byte[] stored, byte[] pending) {}
}
