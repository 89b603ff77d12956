package dev.hangar.model;

import java.time.Duration;

/** What a runner is doing, derived on every read so it is never stale. */
public enum RunnerStatus implements WireName {
  ONLINE,
  OFFLINE,
  BUSY,
  DRAINING;

  /**
   * {@code offline} without contact within the threshold, else {@code draining} if the runner asked
   * to drain, else {@code busy} at capacity, else {@code online}.
   */
  public static RunnerStatus derive(
      long lastContactMillis,
      long nowMillis,
      Duration offlineAfter,
      boolean draining,
      int jobs,
      int capacity) {
    if (nowMillis - lastContactMillis > offlineAfter.toMillis()) {
      return OFFLINE;
    }
    return inContact(draining, jobs, capacity);
  }

  /** The status of a runner that is talking to us right now (it cannot be offline). */
  public static RunnerStatus inContact(boolean draining, int jobs, int capacity) {
    if (draining) {
      return DRAINING;
    }
    return jobs >= capacity ? BUSY : ONLINE;
  }
}
