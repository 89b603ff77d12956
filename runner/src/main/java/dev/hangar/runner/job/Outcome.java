package dev.hangar.runner.job;

import dev.hangar.model.BuildStatus;
import dev.hangar.runner.artifacts.ArtifactUploads;
import java.util.Optional;
import java.util.stream.Collectors;

/** How a job ended, as its final status update says it: status, exit code and why. */
record Outcome(BuildStatus status, Optional<Integer> exitCode, Optional<String> message) {

  static Outcome succeeded() {
    return new Outcome(BuildStatus.SUCCEEDED, Optional.of(0), Optional.empty());
  }

  static Outcome failed(Optional<Integer> exitCode, String message) {
    return new Outcome(BuildStatus.FAILED, exitCode, Optional.of(message));
  }

  /**
   * The job's outcome once its artifacts were uploaded: steps that succeeded end the job failed
   * when a file did not go up, since the people who queued it wanted that file; steps that failed
   * keep their own outcome.
   */
  Outcome afterUploads(ArtifactUploads.Result uploads) {
    if (status != BuildStatus.SUCCEEDED || uploads.failures().isEmpty()) {
      return this;
    }
    return failed(
        Optional.empty(),
        "artifacts not uploaded: "
            + uploads.failures().stream()
                .map(f -> f.name() + " (" + f.reason() + ")")
                .collect(Collectors.joining(", ")));
  }

  static Outcome cancelled(String message) {
    return new Outcome(BuildStatus.CANCELLED, Optional.empty(), Optional.of(message));
  }
}
