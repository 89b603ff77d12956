package dev.hangar.testing;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secrets every api-service a test starts is given, so any test client can log in as its admin.
 */
public final class TestSecrets {

  public static final String ADMIN_PASSWORD = "test-admin-password";

  /** A fresh AES-256 key per test run, as HANGAR_SECRETS_KEY would be in production. */
  public static final String SECRETS_KEY = freshKey();

  private TestSecrets() {}

  private static String freshKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }
}
