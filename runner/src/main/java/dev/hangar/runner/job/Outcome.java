package dev.hangar.runner.job;

import dev.hangar.model.BuildStatus;
import java.util.Optional;

/** How a job ended, as its final status update says it: status, exit code and why. */
record Outcome(BuildStatus status, Optional<Integer> exitCode, Optional<String> message) {

  static Outcome succeeded() {
    return new Outcome(BuildStatus.SUCCEEDED, Optional.of(0), Optional.empty());
  }

  static Outcome failed(Optional<Integer> exitCode, String message) {
    return new Outcome(BuildStatus.FAILED, exitCode, Optional.of(message));
  }

  static Outcome cancelled(String message) {
    return new Outcome(BuildStatus.CANCELLED, Optional.empty(), Optional.of(message));
  }
}
