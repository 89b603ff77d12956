package dev.hangar.api.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretBoxTest {

  private static final byte[] SECRET =
      "keystore bytes and passwords".getBytes(StandardCharsets.UTF_8);

  private static String key() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  @Test
  void sealsWithAFreshNonceAndOpensInTheSameContext() {
    SecretBox box = new SecretBox(new SecretsSettings(key(), null));
    String once = box.seal(SECRET, "hangar-signing:pipe_a:android");
    String twice = box.seal(SECRET, "hangar-signing:pipe_a:android");
    assertThat(once).isNotEqualTo(twice).doesNotContain(Base64.getEncoder().encodeToString(SECRET));
    assertThat(box.open(once, "hangar-signing:pipe_a:android")).isEqualTo(SECRET);
  }

  @Test
  void aCiphertextMovedToAnotherPipelineOrKindDoesNotOpen() {
    SecretBox box = new SecretBox(new SecretsSettings(key(), null));
    String sealed = box.seal(SECRET, "hangar-signing:pipe_a:android");
    assertThatThrownBy(() -> box.open(sealed, "hangar-signing:pipe_b:android"))
        .isInstanceOf(SecretBox.TamperedException.class);
    assertThatThrownBy(() -> box.open(sealed, "hangar-signing:pipe_a:ios"))
        .isInstanceOf(SecretBox.TamperedException.class);
  }

  @Test
  void valuesSealedUnderThePreviousKeyStayReadableDuringARotation() {
    String old = key();
    String sealedBefore = new SecretBox(new SecretsSettings(old, null)).seal(SECRET, "ctx");
    SecretBox rotated = new SecretBox(new SecretsSettings(key(), old));
    assertThat(rotated.isCurrent(sealedBefore)).isFalse();
    assertThat(rotated.open(sealedBefore, "ctx")).isEqualTo(SECRET);
    assertThat(rotated.isCurrent(rotated.seal(SECRET, "ctx"))).isTrue();
    assertThatThrownBy(
            () -> new SecretBox(new SecretsSettings(key(), null)).open(sealedBefore, "ctx"))
        .isInstanceOf(SecretBox.SealedWithUnknownKeyException.class);
  }

  @Test
  void aMissingOrMalformedKeyIsRefusedNamingTheVariable() {
    assertThatThrownBy(() -> new SecretsSettings(null, null))
        .hasMessageStartingWith("HANGAR_SECRETS_KEY is missing");
    assertThatThrownBy(() -> new SecretsSettings("not base64!", null))
        .hasMessageStartingWith("HANGAR_SECRETS_KEY is invalid");
    assertThatThrownBy(
            () -> new SecretsSettings(Base64.getEncoder().encodeToString(new byte[16]), null))
        .hasMessageContaining("16 bytes");
    assertThatThrownBy(() -> new SecretsSettings(key(), "short"))
        .hasMessageStartingWith("HANGAR_SECRETS_KEY_PREVIOUS is invalid");
  }
}
