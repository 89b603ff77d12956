package dev.hangar.api.signing;

import java.util.Base64;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The keys signing material is encrypted under. HANGAR_SECRETS_KEY is required (base64 of 32 random
 * bytes); HANGAR_SECRETS_KEY_PREVIOUS, during a rotation, is the key it replaced: still read, never
 * written with.
 */
@ConfigurationProperties("hangar")
public record SecretsSettings(String secretsKey, String secretsKeyPrevious) {

  public SecretsSettings {
    if (secretsKey == null || secretsKey.isBlank()) {
      throw new IllegalArgumentException(
          "HANGAR_SECRETS_KEY is missing: set it to the base64 of 32 random bytes, e.g. $(head -c 32 /dev/urandom | base64)");
    }
    decode("HANGAR_SECRETS_KEY", secretsKey);
    if (secretsKeyPrevious != null && !secretsKeyPrevious.isBlank()) {
      decode("HANGAR_SECRETS_KEY_PREVIOUS", secretsKeyPrevious);
    }
  }

  public byte[] current() {
    return decode("HANGAR_SECRETS_KEY", secretsKey);
  }

  public Optional<byte[]> previous() {
    return Optional.ofNullable(secretsKeyPrevious)
        .filter(k -> !k.isBlank())
        .map(k -> decode("HANGAR_SECRETS_KEY_PREVIOUS", k));
  }

  private static byte[] decode(String variable, String value) {
    byte[] key;
    try {
      key = Base64.getDecoder().decode(value.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          variable + " is invalid: not base64 (expected the base64 of 32 random bytes)");
    }
    if (key.length != 32) {
      throw new IllegalArgumentException(
          variable + " is invalid: decodes to " + key.length + " bytes, AES-256 needs 32");
    }
    return key;
  }
}
