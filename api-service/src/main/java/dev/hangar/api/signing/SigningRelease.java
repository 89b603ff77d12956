package dev.hangar.api.signing;

import java.util.Locale;

/** What {@code release_signing.lua} made of a runner's request for signing material. */
sealed interface SigningRelease {

  /** The runner holds the job's live lease: here is the material, sealed, and its pipeline. */
  record Released(String sealed, String pipelineId) implements SigningRelease {}

  /** Refused, and nothing recorded. */
  record Refused(Refusal refusal, String detail) implements SigningRelease {}

  /** Why, in the order the script checks; each is answered with its own problem code. */
  enum Refusal {
    JOB_NOT_FOUND,
    NOT_YOUR_JOB,
    LEASE_LOST,
    PLATFORM_MISMATCH,
    SIGNING_NOT_CONFIGURED;

    String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
