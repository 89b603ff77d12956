package dev.hangar.model.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArtifactNameTest {

  @ParameterizedTest
  @ValueSource(strings = {"app-release.apk", "Runner.ipa", "My App.app.zip", "résumé_1.0+2.aab"})
  void fileNamesAreTaken(String name) {
    assertThat(ArtifactName.problem(name)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".", "..", ".hidden", "a/b", "..\\x", "a\nb", "a\u0000b", "x\uD800"})
  void pathsAndOddNamesAreRefused(String name) {
    assertThat(ArtifactName.problem(name)).isPresent();
  }

  @Test
  void theLimitCountsBytesNotCharacters() {
    assertThat(ArtifactName.problem("a".repeat(255))).isEmpty();
    assertThat(ArtifactName.problem("é".repeat(128))).isPresent();
    assertThat(ArtifactName.problem(null)).isPresent();
  }
}
