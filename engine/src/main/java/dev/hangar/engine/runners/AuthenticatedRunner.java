package dev.hangar.engine.runners;

import dev.hangar.model.Capabilities;

/**
 * A runner whose token checked out, as it was then. The token's hash travels with it because a
 * claim checks the token again inside {@code claim.lua}.
 */
public record AuthenticatedRunner(
    String id,
    String tokenHash,
    Capabilities capabilities,
    boolean draining,
    int capacity,
    String capabilitiesRevision,
    long jobsHeld) {

  public boolean atCapacity() {
    return jobsHeld >= capacity;
  }

  /** As it is after it claimed one more job. */
  public AuthenticatedRunner withOneMoreJob() {
    return new AuthenticatedRunner(
        id, tokenHash, capabilities, draining, capacity, capabilitiesRevision, jobsHeld + 1);
  }
}
