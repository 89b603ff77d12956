package dev.hangar.api.signing;

import dev.hangar.api.web.ValidationFailedException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.util.List;

/** Opens JKS and PKCS12 keystores the way a build would, so a wrong password fails at upload. */
final class Keystores {

  private static final List<String> TYPES = List.of("PKCS12", "JKS");

  private Keystores() {}

  /**
   * The keystore opened with its password; a violation on {@code passwordField} when the password is
   * wrong, on {@code bytesField} when the bytes are no keystore at all.
   */
  static Opened open(byte[] bytes, String password, String bytesField, String passwordField) {
    boolean wrongPassword = false;
    for (String type : TYPES) {
      try {
        KeyStore store = KeyStore.getInstance(type);
        store.load(new ByteArrayInputStream(bytes), password.toCharArray());
        return new Opened(type, store);
      } catch (IOException e) {
        wrongPassword |= e.getCause() instanceof UnrecoverableKeyException;
      } catch (GeneralSecurityException | IllegalArgumentException e) {
        // not this type; try the next
      }
    }
    throw wrongPassword
        ? ValidationFailedException.of(passwordField, "does not open the keystore")
        : ValidationFailedException.of(bytesField, "is not a JKS or PKCS12 keystore");
  }

  record Opened(String type, KeyStore store) {}
}
