package dev.hangar.runner.job;

import dev.hangar.model.runners.StatusUpdate.StepReport;
import dev.hangar.runner.artifacts.ArtifactUploads;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/** How one step ended, as the status update reports it. */
public record StepResult(
    String name, Ending ending, Optional<Integer> exitCode, Instant startedAt, Instant finishedAt) {

  /** Why a step ended. */
  public enum Ending {
    SUCCEEDED,
    FAILED,
    TIMED_OUT,
    CANCELLED;

    String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The artifact upload as a step: failed when a file did not go up, cancelled when abandoned. */
  static StepResult ofUploads(
      ArtifactUploads.Result uploads, Instant startedAt, Instant finishedAt) {
    Ending ending =
        uploads.stopped()
            ? Ending.CANCELLED
            : uploads.failures().isEmpty() ? Ending.SUCCEEDED : Ending.FAILED;
    return new StepResult(ArtifactUploads.STEP, ending, Optional.empty(), startedAt, finishedAt);
  }

  public boolean succeeded() {
    return ending == Ending.SUCCEEDED;
  }

  public StepReport report() {
    return new StepReport(
        name,
        ending.wire(),
        exitCode.orElse(null),
        startedAt.getEpochSecond(),
        finishedAt.getEpochSecond(),
        Duration.between(startedAt, finishedAt).toMillis());
  }
}
