package dev.hangar.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** A build's life. Who may move a build from one status to another: {@link BuildTransitions}. */
public enum BuildStatus {
  @JsonProperty("queued")
  QUEUED,
  @JsonProperty("assigned")
  ASSIGNED,
  @JsonProperty("running")
  RUNNING,
  @JsonProperty("succeeded")
  SUCCEEDED,
  @JsonProperty("failed")
  FAILED,
  @JsonProperty("cancelled")
  CANCELLED;

  private static final Set<BuildStatus> TERMINAL = EnumSet.of(SUCCEEDED, FAILED, CANCELLED);

  public boolean isTerminal() {
    return TERMINAL.contains(this);
  }

  /** Held under a lease by a runner. */
  public boolean isLeased() {
    return this == ASSIGNED || this == RUNNING;
  }

  /** Statuses a runner may put in a status update. */
  public boolean isReportable() {
    return BuildTransitions.targetsOf(BuildTransitions.Actor.RUNNER_REPORT).contains(this);
  }

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static BuildStatus fromWire(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
