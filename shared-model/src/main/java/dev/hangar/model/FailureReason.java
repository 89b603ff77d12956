package dev.hangar.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/** Why a build ended {@code failed}. */
public enum FailureReason {
  @JsonProperty("runner_reported")
  RUNNER_REPORTED,
  @JsonProperty("lease_expired_max_attempts")
  LEASE_EXPIRED_MAX_ATTEMPTS;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
