package dev.hangar.model;

import java.util.EnumSet;
import java.util.Set;

/** A build's life. Who may move a build from one status to another: {@link BuildTransitions}. */
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
    return BuildTransitions.targetsOf(BuildTransitions.Actor.RUNNER_REPORT).contains(this);
  }

  public static BuildStatus fromWire(String value) {
    return WireName.parse(BuildStatus.class, value);
  }
}
