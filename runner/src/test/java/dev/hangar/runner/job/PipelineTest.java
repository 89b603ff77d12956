package dev.hangar.runner.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.model.Platform;
import dev.hangar.model.artifacts.ArtifactRules;
import dev.hangar.model.artifacts.ArtifactsWhen;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class PipelineTest {

  @ParameterizedTest
  @CsvSource({
    "ANDROID, flutter build apk --release",
    "IOS, flutter build ipa",
    "MACOS, flutter build macos --release",
    "LINUX, flutter build linux --release",
    "WINDOWS, flutter build windows --release",
    "WEB, flutter build web --release"
  })
  void withoutStepsAPlatformGetsFluttersPackagesAndItsBuild(Platform platform, String build)
      throws Exception {
    List<String> runs =
        Pipeline.from(Map.of("flavor", "prod"), platform).steps().stream().map(Step::run).toList();

    assertThat(runs).containsExactly("flutter pub get", build);
  }

  @Test
  void everyPlatformHasDefaults() {
    for (Platform platform : Platform.values()) {
      assertThat(DefaultSteps.of(platform)).hasSize(2);
    }
  }

  @ParameterizedTest
  @CsvSource({
    "ANDROID, build/app/outputs/flutter-apk/*.apk",
    "IOS, build/ios/ipa/*.ipa",
    "MACOS, build/macos/Build/Products/Release/*.app",
    "LINUX, build/linux/*/release/bundle",
    "WINDOWS, build/windows/*/runner/Release",
    "WEB, build/web"
  })
  void fluttersDefaultStepsUploadWhatFluttersBuildMade(Platform platform, String pattern)
      throws Exception {
    ArtifactRules rules = Pipeline.from(Map.of("flavor", "prod"), platform).artifacts();

    assertThat(rules.patterns()).containsExactly(pattern);
    assertThat(rules.when()).isEqualTo(ArtifactsWhen.ON_SUCCESS);
  }

  @Test
  void namedArtifactsReplaceTheDefaultsAndOwnStepsHaveNone() throws Exception {
    Map<String, Object> named =
        Map.of(
            "artifacts",
            List.of("build/app/outputs/bundle/release/*.aab"),
            "artifacts_when",
            "always");
    assertThat(Pipeline.from(named, Platform.ANDROID).artifacts())
        .isEqualTo(
            new ArtifactRules(
                List.of("build/app/outputs/bundle/release/*.aab"), ArtifactsWhen.ALWAYS));

    Map<String, Object> ownSteps =
        Map.of(
            "steps", List.of(Map.of("run", "flutter build apk")), "artifacts_when", "on_failure");
    assertThat(Pipeline.from(ownSteps, Platform.ANDROID).artifacts())
        .isEqualTo(new ArtifactRules(List.of(), ArtifactsWhen.ON_FAILURE));
  }

  @Test
  void artifactRulesTheServerWouldRefuseMakeThePipelineInvalid() {
    assertThatThrownBy(
            () -> Pipeline.from(Map.of("artifacts", List.of("../outside/*.apk")), Platform.ANDROID))
        .isInstanceOf(InvalidPipeline.class)
        .hasMessage("artifacts[0] must stay inside the workspace: no .. segments");
  }

  @Test
  void anEmptyStepListAlsoMeansTheDefaults() throws Exception {
    assertThat(Pipeline.from(Map.of("steps", List.of()), Platform.ANDROID).steps())
        .isEqualTo(DefaultSteps.of(Platform.ANDROID));
    assertThat(Pipeline.from(null, Platform.WEB).steps()).isEqualTo(DefaultSteps.of(Platform.WEB));
  }

  @Test
  void stepsAreReadWithTheirNamesTimeoutsAndEnvironment() throws Exception {
    Map<String, Object> env = new HashMap<>();
    env.put("FLAVOR", "prod");
    env.put("RETRIES", 3);
    env.put("VERBOSE", true);
    env.put("UNSET", null);
    Map<String, Object> config =
        Map.of(
            "timeout_seconds",
            1800,
            "steps",
            List.of(
                Map.of("name", "test", "run", "flutter test", "timeout_seconds", 600, "env", env),
                Map.of("run", "flutter build apk\n--flavor prod")));

    Pipeline pipeline = Pipeline.from(config, Platform.ANDROID);

    assertThat(pipeline.timeout()).contains(Duration.ofMinutes(30));
    assertThat(pipeline.steps().get(0))
        .isEqualTo(
            new Step(
                "test",
                "flutter test",
                Optional.of(Duration.ofMinutes(10)),
                Map.of("FLAVOR", "prod", "RETRIES", "3", "VERBOSE", "true")));
    assertThat(pipeline.steps().get(1).name())
        .as("named after its first line")
        .isEqualTo("flutter build apk");
    assertThat(pipeline.steps().get(1).timeout()).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("invalid")
  void aConfigThatIsNotStepsIsRefusedNamingTheField(Map<String, Object> config, String message) {
    assertThatThrownBy(() -> Pipeline.from(config, Platform.ANDROID))
        .isInstanceOf(InvalidPipeline.class)
        .hasMessage(message);
  }

  static List<Object[]> invalid() {
    return List.of(
        new Object[] {Map.of("steps", "flutter test"), "steps must be a list of steps"},
        new Object[] {
          Map.of("steps", List.of("flutter test")), "steps[0] must be an object with a run command"
        },
        new Object[] {
          Map.of("steps", List.of(Map.of("name", "x"))), "steps[0].run must be a shell command"
        },
        new Object[] {
          Map.of("steps", List.of(Map.of("run", "  "))), "steps[0].run must be a shell command"
        },
        new Object[] {
          Map.of("steps", List.of(Map.of("run", "true", "name", 5))), "steps[0].name must be text"
        },
        new Object[] {
          Map.of("steps", List.of(Map.of("run", "true", "timeout_seconds", 0))),
          "steps[0].timeout_seconds must be a whole number of seconds from 1 to 604800"
        },
        new Object[] {
          Map.of("steps", List.of(Map.of("run", "true", "timeout_seconds", 2.5))),
          "steps[0].timeout_seconds must be a whole number of seconds from 1 to 604800"
        },
        new Object[] {
          Map.of("steps", List.of(Map.of("run", "true", "timeout_seconds", "600"))),
          "steps[0].timeout_seconds must be a whole number of seconds from 1 to 604800"
        },
        new Object[] {
          Map.of("steps", List.of(Map.of("run", "true", "env", List.of("A=1")))),
          "steps[0].env must be an object of variables"
        },
        new Object[] {
          Map.of("steps", List.of(Map.of("run", "true", "env", Map.of("BAD-NAME", "1")))),
          "steps[0].env has an invalid variable name 'BAD-NAME'"
        },
        new Object[] {
          Map.of("steps", List.of(Map.of("run", "true", "env", Map.of("A", Map.of("b", 1))))),
          "steps[0].env.A must be text, a number or a boolean"
        },
        new Object[] {
          Map.of("timeout_seconds", -5),
          "timeout_seconds must be a whole number of seconds from 1 to 604800"
        },
        new Object[] {
          Map.of("timeout_seconds", 1_000_000_000_000L),
          "timeout_seconds must be a whole number of seconds from 1 to 604800"
        },
        new Object[] {
          Map.of("steps", Collections.nCopies(200, Map.of("run", "true"))),
          "steps: at most 198 steps"
        });
  }

  @Test
  void aLongNameIsClippedToWhatAStatusUpdateTakes() throws Exception {
    Pipeline pipeline =
        Pipeline.from(
            Map.of("steps", List.of(Map.of("name", "n".repeat(500), "run", "true"))),
            Platform.LINUX);

    assertThat(pipeline.steps().getFirst().name()).hasSize(Pipeline.MAX_NAME);
  }
}
