package dev.hangar.api.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.api.signing.SecretsSettings;
import dev.hangar.engine.EngineException;
import dev.hangar.engine.HangarProperties;
import dev.hangar.engine.artifacts.StoredArtifact;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ArtifactLinksTest {

  private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
  private static final String NEXT_KEY =
      Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
  private static final StoredArtifact ARTIFACT =
      new StoredArtifact(
          "build_aaaaaaaaaaaaaaaa",
          "Runner é.ipa",
          10,
          "ab".repeat(32),
          "application/octet-stream",
          1L,
          1,
          "artifacts/build_aaaaaaaaaaaaaaaa/upload_x");

  private static ArtifactLinks links(String namespace, String key, String previous) {
    return new ArtifactLinks(
        new SecretsSettings(key, previous),
        new HangarProperties(
            namespace,
            Duration.ofSeconds(60),
            Duration.ofSeconds(15),
            null,
            3,
            HangarProperties.QueueType.QUORUM,
            Duration.ofMillis(250),
            200,
            Duration.ofSeconds(5),
            Duration.ofDays(30)));
  }

  @Test
  void aTokenNamesWhatItWasMadeFor() {
    ArtifactLinks links = links("ns", KEY, null);
    assertThat(links.verify(links.token(ARTIFACT, 1234L)))
        .isEqualTo(
            new ArtifactLinks.Link(ARTIFACT.buildId(), ARTIFACT.name(), ARTIFACT.sha256(), 1234L));
  }

  @Test
  void aTokenOfAnotherKeyOrNamespaceOrAlteredInAnyByteIsNotFound() {
    String token = links("ns", KEY, null).token(ARTIFACT, 1234L);
    assertNotFound(links("ns", NEXT_KEY, null), token);
    assertNotFound(links("other", KEY, null), token);
    ArtifactLinks links = links("ns", KEY, null);
    String payload = token.substring(0, token.indexOf('.'));
    String signature = token.substring(token.indexOf('.'));
    String later =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                new String(Base64.getUrlDecoder().decode(payload))
                    .replace("1234", "9999")
                    .getBytes());
    assertNotFound(links, later + signature);
    for (String garbage : new String[] {"", ".", "abc", "abc.def", token + "x", "x".repeat(2000)}) {
      assertNotFound(links, garbage);
    }
  }

  @Test
  void duringARotationLinksOfThePreviousKeyStillWork() {
    String old = links("ns", KEY, null).token(ARTIFACT, 1234L);
    ArtifactLinks rotating = links("ns", NEXT_KEY, KEY);
    assertThat(rotating.verify(old).expiresAt()).isEqualTo(1234L);
    assertThat(links("ns", NEXT_KEY, null).verify(rotating.token(ARTIFACT, 5L)).expiresAt())
        .isEqualTo(5L);
  }

  private static void assertNotFound(ArtifactLinks links, String token) {
    assertThatThrownBy(() -> links.verify(token))
        .isInstanceOfSatisfying(
            EngineException.class, e -> assertThat(e.code()).isEqualTo("link_not_found"));
  }
}
