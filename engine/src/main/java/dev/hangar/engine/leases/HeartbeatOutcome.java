package dev.hangar.engine.leases;

import java.util.List;

/** What {@code heartbeat.lua} made of a runner's heartbeat. */
public sealed interface HeartbeatOutcome {

  /** The token is unknown or revoked: nothing was recorded. */
  record UnknownToken() implements HeartbeatOutcome {}

  /** The token is another runner's than the path names: nothing was recorded. */
  record NotYourRunner() implements HeartbeatOutcome {}

  /** Contact recorded and the leases the runner still holds renewed (those it acknowledged). */
  record Renewed(boolean draining, int capacity, List<HeldLease> leases)
      implements HeartbeatOutcome {}

  /** A lease the runner holds after the heartbeat, and whether its build should stop. */
  record HeldLease(String buildId, long deadlineMillis, boolean cancelRequested) {}
}
