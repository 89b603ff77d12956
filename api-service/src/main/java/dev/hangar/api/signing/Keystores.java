package dev.hangar.api.signing;

import dev.hangar.api.web.ValidationFailedException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.util.Arrays;

/** Opens JKS and PKCS12 keystores the way a build would, so a wrong password fails at upload. */
final class Keystores {

  /** JKS files start with this magic number; PKCS12 files are a DER sequence. */
  private static final byte[] JKS_MAGIC = {(byte) 0xFE, (byte) 0xED, (byte) 0xFE, (byte) 0xED};

  private Keystores() {}

  /**
   * The keystore opened with its password; a violation on {@code passwordField} when the password
   * is wrong, on {@code bytesField} when the bytes are no keystore at all.
   */
  static Opened open(byte[] bytes, String password, String bytesField, String passwordField) {
    // The JDK's keystores read either format whatever they are asked for, so the type is told by
    // the bytes.
    String type =
        bytes.length >= 4 && Arrays.equals(Arrays.copyOf(bytes, 4), JKS_MAGIC) ? "JKS" : "PKCS12";
    try {
      KeyStore store = KeyStore.getInstance(type);
      store.load(new ByteArrayInputStream(bytes), password.toCharArray());
      return new Opened(type, store);
    } catch (IOException e) {
      throw e.getCause() instanceof UnrecoverableKeyException
          ? ValidationFailedException.of(passwordField, "does not open the keystore")
          : ValidationFailedException.of(bytesField, "is not a JKS or PKCS12 keystore");
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw ValidationFailedException.of(bytesField, "is not a JKS or PKCS12 keystore");
    }
  }

  record Opened(String type, KeyStore store) {}
}
