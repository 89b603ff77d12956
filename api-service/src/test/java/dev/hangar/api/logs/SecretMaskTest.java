package dev.hangar.api.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretMaskTest {

  private static final byte[] NOTHING = new byte[0];

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** Feeds the chunks one after another as the server does and returns what it stores. */
  private static String stored(SecretMask mask, String... chunks) {
    StringBuilder stored = new StringBuilder();
    byte[] pending = NOTHING;
    for (String chunk : chunks) {
      SecretMask.Masked masked = mask.apply(pending, bytes(chunk));
      stored.append(text(masked.stored()));
      pending = masked.pending();
    }
    return stored + (pending.length == 0 ? "" : "<pending " + text(pending) + ">");
  }

  @Test
  void aSecretInAChunkIsMasked() {
    SecretMask mask = new SecretMask(List.of("hunter22"));

    assertThat(stored(mask, "the password is hunter22, twice: hunter22\n"))
        .isEqualTo("the password is [masked], twice: [masked]\n");
  }

  @Test
  void aSecretCutInTwoByAChunkBoundaryIsMaskedAndNeverStoredInPart() {
    SecretMask mask = new SecretMask(List.of("hunter22"));

    SecretMask.Masked first = mask.apply(NOTHING, bytes("the password is hun"));
    assertThat(text(first.stored())).isEqualTo("the password is ");
    assertThat(text(first.pending())).isEqualTo("hun");

    SecretMask.Masked second = mask.apply(first.pending(), bytes("ter22 indeed\n"));
    assertThat(text(second.stored())).isEqualTo("[masked] indeed\n");
    assertThat(second.pending()).isEmpty();
  }

  @Test
  void aSecretSpreadOverManyChunksIsMasked() {
    SecretMask mask = new SecretMask(List.of("hunter22"));

    assertThat(stored(mask, "x h", "u", "nt", "er2", "2 y\n")).isEqualTo("x [masked] y\n");
  }

  @Test
  void whatOnlyLookedLikeTheStartOfASecretIsStoredOnceTheNextChunkSaysSo() {
    SecretMask mask = new SecretMask(List.of("hunter22"));

    assertThat(stored(mask, "a hunt", "ing trip\n")).isEqualTo("a hunting trip\n");
  }

  @Test
  void theLongerOfTwoOverlappingSecretsIsMaskedWhole() {
    SecretMask mask = new SecretMask(List.of("abcd", "abcdefgh"));

    assertThat(stored(mask, "1 abcdefgh 2 abcd 3\n")).isEqualTo("1 [masked] 2 [masked] 3\n");
    // The shorter one is complete at the boundary, but the longer one may still follow.
    assertThat(stored(mask, "1 abcde", "fgh 2\n")).isEqualTo("1 [masked] 2\n");
  }

  @Test
  void theEndOfALogThatCouldStartASecretStaysPending() {
    SecretMask mask = new SecretMask(List.of("hunter22"));

    assertThat(stored(mask, "done hunte")).isEqualTo("done <pending hunte>");
  }

  @Test
  void shortValuesAndNullsAreNotSecrets() {
    SecretMask mask = new SecretMask(java.util.Arrays.asList("abc", "", null));

    assertThat(stored(mask, "abc abc\n")).isEqualTo("abc abc\n");
  }

  @Test
  void secretsAreMatchedAsUtf8Bytes() {
    SecretMask mask = new SecretMask(List.of("pässwörd"));
    byte[] line = bytes("→ pässwörd ←\n");
    // Cut inside the two-byte "ö".
    int cut = "→ pässw".getBytes(StandardCharsets.UTF_8).length + 1;

    SecretMask.Masked first = mask.apply(NOTHING, java.util.Arrays.copyOfRange(line, 0, cut));
    SecretMask.Masked second =
        mask.apply(first.pending(), java.util.Arrays.copyOfRange(line, cut, line.length));

    assertThat(text(first.stored()) + text(second.stored())).isEqualTo("→ [masked] ←\n");
  }
}
