package dev.hangar.engine.runners;

import dev.hangar.model.Capabilities;

/** A runner whose token checked out, as it was when the request began. */
public record AuthenticatedRunner(
    String id, Capabilities capabilities, boolean draining, int capacity, String capabilitiesRevision, long jobsHeld) {

  public boolean atCapacity() {
    return jobsHeld >= capacity;
  }
}
