package dev.hangar.engine.leases;

import dev.hangar.model.BuildStatus;
import java.util.Locale;

/** What {@code report.lua} made of a runner's status update. */
public sealed interface ReportOutcome {

  /**
   * The update was applied, or repeated a final report already applied.
   *
   * @param leaseDeadlineMillis the lease's new deadline; null once the build has finished
   */
  record Accepted(
      BuildStatus status, int attempt, Long leaseDeadlineMillis, boolean cancelRequested)
      implements ReportOutcome {}

  /** The update was refused and nothing changed. */
  record Refused(Refusal refusal, String detail) implements ReportOutcome {}

  /** Why an update was refused; each is answered with its own problem code. */
  enum Refusal {
    /** No such build. */
    JOB_NOT_FOUND,
    /** The runner never held the build. */
    NOT_YOUR_JOB,
    /** The runner held it once, but not now, or not at the attempt it named. */
    LEASE_LOST,
    /** The runner holds it, but the move is not one a runner may make from its status. */
    INVALID_TRANSITION;

    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
