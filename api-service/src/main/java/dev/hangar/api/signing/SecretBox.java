package dev.hangar.api.signing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * AES-256-GCM for signing material at rest. Every value gets a fresh 96-bit nonce; the pipeline and
 * the kind of material are bound as associated data, so a ciphertext copied to another pipeline (or
 * from Android to iOS) fails to decrypt. A sealed value names the key it was sealed with (the first
 * bytes of the key's SHA-256), so values sealed under HANGAR_SECRETS_KEY_PREVIOUS stay readable
 * during a rotation.
 */
@Component
public class SecretBox {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final String currentId;
  private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();

  public SecretBox(SecretsSettings settings) {
    currentId = add(settings.current());
    settings.previous().ifPresent(this::add);
  }

  /** {@code v1:<key id>:<base64(nonce ‖ ciphertext ‖ tag)>}. */
  public String seal(byte[] plaintext, String context) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    byte[] sealed = run(Cipher.ENCRYPT_MODE, keys.get(currentId), nonce, context, plaintext);
    ByteBuffer out = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed);
    return "v1:" + currentId + ":" + Base64.getEncoder().encodeToString(out.array());
  }

  public byte[] open(String sealed, String context) {
    String[] parts = sealed.split(":", 3);
    SecretKeySpec key = parts.length == 3 && parts[0].equals("v1") ? keys.get(parts[1]) : null;
    if (key == null) {
      throw new SealedWithUnknownKeyException();
    }
    byte[] bytes = Base64.getDecoder().decode(parts[2]);
    byte[] nonce = java.util.Arrays.copyOf(bytes, NONCE_BYTES);
    byte[] body = java.util.Arrays.copyOfRange(bytes, NONCE_BYTES, bytes.length);
    return run(Cipher.DECRYPT_MODE, key, nonce, context, body);
  }

  /** Whether a sealed value was sealed under the current key (a rotation re-seals the others). */
  public boolean isCurrent(String sealed) {
    return sealed.startsWith("v1:" + currentId + ":");
  }

  private String add(byte[] key) {
    String id = keyId(key);
    keys.putIfAbsent(id, new SecretKeySpec(key, "AES"));
    return id;
  }

  private static String keyId(byte[] key) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key), 0, 4);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] run(
      int mode, SecretKeySpec key, byte[] nonce, String context, byte[] input) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      return cipher.doFinal(input);
    } catch (AEADBadTagException e) {
      throw new TamperedException();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/GCM is part of every JDK", e);
    }
  }

  /**
   * The value does not decrypt under its key with this context: moved, altered, or the wrong key.
   */
  public static class TamperedException extends RuntimeException {
    TamperedException() {
      super("signing material does not decrypt for this pipeline", null, false, false);
    }
  }

  /** Sealed under a key that is neither HANGAR_SECRETS_KEY nor HANGAR_SECRETS_KEY_PREVIOUS. */
  public static class SealedWithUnknownKeyException extends RuntimeException {
    SealedWithUnknownKeyException() {
      super(
          "signing material was sealed under a key this instance does not have",
          null,
          false,
          false);
    }
  }
}
