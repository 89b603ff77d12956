package dev.hangar.runner.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.model.BuildStatus;
import dev.hangar.model.runners.StatusUpdate.StepReport;
import dev.hangar.runner.artifacts.ArtifactUploads.Failure;
import dev.hangar.runner.artifacts.ArtifactUploads.Result;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How the artifact step shows in the status report and what it does to the job's outcome. */
class UploadOutcomeTest {

  private static final String APK = "app-release.apk";
  private static final Result ALL_UP = new Result(List.of(APK), List.of(), false);
  private static final Result ONE_MISSING =
      new Result(
          List.of(APK),
          List.of(
              new Failure(
                  "web.zip", "HTTP 413 build_artifacts_too_large: the build's artifacts are full")),
          false);
  private static final Result ABANDONED = new Result(List.of(), List.of(), true);

  @Test
  void succeededStepsWithEveryFileUpStaySucceeded() {
    assertThat(Outcome.succeeded().afterUploads(ALL_UP)).isEqualTo(Outcome.succeeded());
  }

  @Test
  void succeededStepsWithAFileMissingFailNamingIt() {
    Outcome outcome = Outcome.succeeded().afterUploads(ONE_MISSING);

    assertThat(outcome.status()).isEqualTo(BuildStatus.FAILED);
    assertThat(outcome.exitCode()).isEmpty();
    assertThat(outcome.message())
        .contains(
            "artifacts not uploaded: web.zip (HTTP 413 build_artifacts_too_large: the build's artifacts are full)");
  }

  @Test
  void failedStepsKeepTheirOwnOutcome() {
    Outcome steps = Outcome.failed(Optional.of(1), "step 'test' exited with 1");

    assertThat(steps.afterUploads(ONE_MISSING)).isEqualTo(steps);
  }

  @Test
  void theStepReportsHowTheUploadsWent() {
    Instant start = Instant.ofEpochSecond(1_000);
    Instant end = start.plusMillis(2_500);

    StepReport up = StepResult.ofUploads(ALL_UP, start, end).report();
    assertThat(up)
        .isEqualTo(new StepReport("upload artifacts", "succeeded", null, 1_000L, 1_002L, 2_500L));
    assertThat(StepResult.ofUploads(ONE_MISSING, start, end).report().status()).isEqualTo("failed");
    assertThat(StepResult.ofUploads(ABANDONED, start, end).report().status())
        .isEqualTo("cancelled");
  }
}
