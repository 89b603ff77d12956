package dev.hangar.runner.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.model.Platform;
import dev.hangar.model.runners.ClaimAnswer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobEnvironmentTest {

  private static final ClaimAnswer JOB =
      new ClaimAnswer(
          "build_abc",
          "proj_abc",
          "pipe_abc",
          42,
          Platform.ANDROID,
          2,
          Map.of(),
          "git://h/app.git",
          "c5112a9e",
          "main",
          0);

  @Test
  void aJobSeesWhichBuildItIsAndTheSharedCaches() {
    Map<String, String> env =
        JobEnvironment.forJob(
            Map.of("PATH", "/usr/bin"),
            JOB,
            "c5112a9ec8edb97fdee27c8eca363907901713c3",
            Path.of("/cache"));

    assertThat(env)
        .containsEntry("PATH", "/usr/bin")
        .containsEntry("CI", "true")
        .containsEntry("HANGAR_BUILD_ID", "build_abc")
        .containsEntry("HANGAR_BUILD_NUMBER", "42")
        .containsEntry("HANGAR_ATTEMPT", "2")
        .containsEntry("HANGAR_COMMIT_SHA", "c5112a9ec8edb97fdee27c8eca363907901713c3")
        .containsEntry("HANGAR_BRANCH", "main")
        .containsEntry("HANGAR_PLATFORM", "android")
        .containsEntry("PUB_CACHE", "/cache/pub")
        .containsEntry("GRADLE_USER_HOME", "/cache/gradle");
  }

  @Test
  void theSessionTokenRegisterWasGivenNeverReachesABuild() {
    assertThat(JobEnvironment.base(Map.of("HANGAR_TOKEN", "hgr_us_secret", "HOME", "/home/ci")))
        .containsOnlyKeys("HOME");
  }

  @Test
  void aStepsOwnEnvironmentComesLast() {
    assertThat(JobEnvironment.with(Map.of("CI", "true", "A", "1"), Map.of("CI", "false")))
        .containsEntry("CI", "false")
        .containsEntry("A", "1");
  }
}
