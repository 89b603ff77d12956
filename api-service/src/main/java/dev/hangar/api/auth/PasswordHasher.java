package dev.hangar.api.auth;

import dev.hangar.api.ApiSettings;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * PBKDF2-HMAC-SHA256 with a per-password salt, stored as {@code
 * pbkdf2-sha256$iterations$salt$hash}: a password is checked with the work factor it was stored
 * with, so changing {@code HANGAR_PASSWORD_HASH_ITERATIONS} applies to passwords set from then on
 * and locks nobody out.
 */
@Component
public final class PasswordHasher {

  private static final String SCHEME = "pbkdf2-sha256";
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final int iterations;

  @Autowired
  PasswordHasher(ApiSettings settings) {
    this(settings.passwordHashIterations());
  }

  PasswordHasher(int iterations) {
    this.iterations = iterations;
  }

  public String hash(String password) {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    return stored(iterations, salt, derive(password, salt, iterations));
  }

  public boolean matches(String password, String stored) {
    String[] parts = stored.split("\\$");
    if (parts.length != 4 || !parts[0].equals(SCHEME)) {
      return false;
    }
    byte[] expected = Base64.getDecoder().decode(parts[3]);
    byte[] actual =
        derive(password, Base64.getDecoder().decode(parts[2]), Integer.parseInt(parts[1]));
    return MessageDigest.isEqual(expected, actual);
  }

  /**
   * A stored hash that costs what a real one costs to check and that no password matches (its hash
   * is zeros, which PBKDF2 yields with odds of one in 2^256): checked against when a username is
   * unknown, so a login takes as long either way. Not derived from a password, since only its shape
   * and work factor matter, so a start-up spends nothing on it.
   */
  public String decoy() {
    return stored(iterations, new byte[SALT_BYTES], new byte[HASH_BYTES]);
  }

  private static String stored(int iterations, byte[] salt, byte[] hash) {
    Base64.Encoder base64 = Base64.getEncoder();
    return SCHEME
        + "$"
        + iterations
        + "$"
        + base64.encodeToString(salt)
        + "$"
        + base64.encodeToString(hash);
  }

  private static byte[] derive(String password, byte[] salt, int iterations) {
    try {
      PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BYTES * 8);
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
    }
  }
}
