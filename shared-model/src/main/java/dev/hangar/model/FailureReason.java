package dev.hangar.model;

/** Why a build ended {@code failed}. */
public enum FailureReason implements WireName {
  RUNNER_REPORTED,
  LEASE_EXPIRED_MAX_ATTEMPTS
}
