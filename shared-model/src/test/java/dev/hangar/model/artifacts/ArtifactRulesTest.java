package dev.hangar.model.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.model.validation.Violation;
import dev.hangar.model.validation.Violations;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArtifactRulesTest {

  private static List<Violation> problems(Map<String, Object> config) {
    Violations v = new Violations();
    ArtifactRules.validate(config, v);
    return v.list();
  }

  @Test
  void aConfigThatSaysNothingUploadsTheDefaultsOnSuccess() {
    ArtifactRules rules = ArtifactRules.of(Map.of("steps", List.of()));
    assertThat(rules.patterns()).isEmpty();
    assertThat(rules.when()).isEqualTo(ArtifactsWhen.ON_SUCCESS);
    assertThat(ArtifactRules.of(null)).isEqualTo(rules);
  }

  @Test
  void patternsAndWhenAreReadAsWritten() {
    ArtifactRules rules =
        ArtifactRules.of(
            Map.of(
                "artifacts",
                List.of("build/app/outputs/flutter-apk/*.apk", "reports/**/*.xml"),
                "artifacts_when",
                "always"));
    assertThat(rules.patterns())
        .containsExactly("build/app/outputs/flutter-apk/*.apk", "reports/**/*.xml");
    assertThat(rules.when()).isEqualTo(ArtifactsWhen.ALWAYS);
  }

  @Test
  void patternsOutsideTheWorkspaceAreRefusedOneByOne() {
    assertThat(
            problems(
                Map.of(
                    "artifacts",
                    List.of("/etc/passwd", "../secrets/*", "out/../../x", "a\\b", "~/x", "ok/*"))))
        .extracting(Violation::field)
        .containsExactly(
            "config.artifacts[0]",
            "config.artifacts[1]",
            "config.artifacts[2]",
            "config.artifacts[3]",
            "config.artifacts[4]");
  }

  @Test
  void shapesOtherThanAListOfTextAreRefused() {
    assertThat(problems(Map.of("artifacts", "build/*.apk")))
        .extracting(Violation::field)
        .containsExactly("config.artifacts");
    assertThat(problems(Map.of("artifacts", List.of(1, " "))))
        .extracting(Violation::field)
        .containsExactly("config.artifacts[0]", "config.artifacts[1]");
    assertThat(problems(Map.of("artifacts", Collections.nCopies(51, "x"))))
        .extracting(Violation::message)
        .containsExactly("at most 50 patterns");
    assertThat(problems(Map.of("artifacts", List.of("x".repeat(501)))))
        .extracting(Violation::field)
        .containsExactly("config.artifacts[0]");
  }

  @Test
  void aPatternThatIsNoGlobIsRefused() {
    assertThat(
            problems(Map.of("artifacts", List.of("build/[abc.apk", "build/{a,b.apk", "ok/*.apk"))))
        .extracting(Violation::field)
        .containsExactly("config.artifacts[0]", "config.artifacts[1]");
  }

  @Test
  void anUnknownWhenIsRefused() {
    assertThat(problems(Map.of("artifacts_when", "sometimes")))
        .extracting(Violation::field)
        .containsExactly("config.artifacts_when");
    assertThatThrownBy(() -> ArtifactRules.of(Map.of("artifacts_when", 3)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void whenSaysAfterWhichOutcomeToUpload() {
    assertThat(ArtifactsWhen.ON_SUCCESS.uploadsAfter(true)).isTrue();
    assertThat(ArtifactsWhen.ON_SUCCESS.uploadsAfter(false)).isFalse();
    assertThat(ArtifactsWhen.ON_FAILURE.uploadsAfter(true)).isFalse();
    assertThat(ArtifactsWhen.ON_FAILURE.uploadsAfter(false)).isTrue();
    assertThat(ArtifactsWhen.ALWAYS.uploadsAfter(false)).isTrue();
  }
}
