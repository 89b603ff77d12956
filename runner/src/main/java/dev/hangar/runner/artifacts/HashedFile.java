package dev.hangar.runner.artifacts;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A file as it is uploaded: its bytes, how many, and their SHA-256 in lowercase hex. */
public record HashedFile(Path path, long size, String sha256) {

  /** Reads the file once, in a buffer of a few kilobytes whatever its size. */
  public static HashedFile of(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
    long size;
    try (InputStream in = Files.newInputStream(file);
        OutputStream sink = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
      size = in.transferTo(sink);
    }
    return new HashedFile(file, size, HexFormat.of().formatHex(digest.digest()));
  }
}
