package dev.hangar.model;

import java.util.EnumSet;
import java.util.Set;

/**
 * A build's life. The moves a runner may report are listed here once; {@code report.lua} enforces
 * the same table at the source of truth, and {@code TransitionTableIT} checks that the two agree.
 * Moves made by the engine itself (claim, requeue, cancel of a waiting build) never pass through a
 * runner report and are guarded inside their own scripts.
 */
public enum BuildStatus implements WireName {
  QUEUED,
  ASSIGNED,
  RUNNING,
  SUCCEEDED,
  FAILED,
  CANCELLED;

  private static final Set<BuildStatus> TERMINAL = EnumSet.of(SUCCEEDED, FAILED, CANCELLED);

  public boolean isTerminal() {
    return TERMINAL.contains(this);
  }

  /** Held under a lease by a runner: what a runner may still work on. */
  public boolean isLeased() {
    return this == ASSIGNED || this == RUNNING;
  }

  /** Statuses a runner may put in a status update. */
  public boolean isReportable() {
    return this != QUEUED && this != ASSIGNED;
  }

  /**
   * Whether a runner holding the lease may move a build from this status to {@code next}:
   * assigned→running→(succeeded|failed|cancelled), assigned→(failed|cancelled), running→running.
   */
  public boolean allowsReport(BuildStatus next) {
    return switch (this) {
      case ASSIGNED -> next == RUNNING || next == FAILED || next == CANCELLED;
      case RUNNING -> next == RUNNING || next.isTerminal();
      case QUEUED, SUCCEEDED, FAILED, CANCELLED -> false;
    };
  }

  public static BuildStatus fromWire(String value) {
    return WireName.parse(BuildStatus.class, value);
  }
}
