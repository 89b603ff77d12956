package dev.hangar.api.artifacts;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * Bytes made from a seed, as a stream of any length: the same seed gives the same bytes, so a test
 * can upload hundreds of megabytes and check them without ever holding them.
 */
final class SeededBytes extends InputStream {

  private static final int BLOCK = 64 * 1024;

  private final SplittableRandom random;
  private final long length;
  private final byte[] block = new byte[BLOCK];
  private long position;
  private int inBlock = BLOCK;

  SeededBytes(long seed, long length) {
    this.random = new SplittableRandom(seed);
    this.length = length;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int wanted) {
    if (position >= length) {
      return -1;
    }
    if (inBlock == BLOCK) {
      random.nextBytes(block);
      inBlock = 0;
    }
    int n = (int) Math.min(Math.min(wanted, BLOCK - inBlock), length - position);
    System.arraycopy(block, inBlock, buffer, offset, n);
    inBlock += n;
    position += n;
    return n;
  }

  /** All {@code length} bytes of the seed, in memory: for small artifacts only. */
  static byte[] of(long seed, int length) {
    try (SeededBytes bytes = new SeededBytes(seed, length)) {
      return bytes.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The SHA-256 of the seed's first {@code length} bytes, as lowercase hex. */
  static String sha256(long seed, long length) {
    return sha256(new SeededBytes(seed, length));
  }

  static String sha256(InputStream in) {
    MessageDigest sha = digest();
    try (in) {
      in.transferTo(
          new OutputStream() {
            @Override
            public void write(int b) {
              sha.update((byte) b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
              sha.update(b, off, len);
            }
          });
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(digest().digest(bytes));
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
