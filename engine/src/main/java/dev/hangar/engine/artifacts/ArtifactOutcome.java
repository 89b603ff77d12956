package dev.hangar.engine.artifacts;

import java.util.Locale;

/** What the engine made of reserving room for an artifact, or of recording it. */
public sealed interface ArtifactOutcome {

  /**
   * Reserved, or recorded.
   *
   * @param createdAt when it was recorded (0 for a reservation)
   * @param replacedBlob the blob of the artifact this one replaced, to delete; empty if none
   */
  record Accepted(long createdAt, String replacedBlob) implements ArtifactOutcome {}

  /** It would take the build's artifacts past their limit. */
  record BuildFull(long taken) implements ArtifactOutcome {}

  /** The runner does not hold the build's live lease; nothing was kept. */
  record Refused(Refusal refusal, String detail) implements ArtifactOutcome {}

  /** Why, with the codes of a status update. */
  enum Refusal {
    JOB_NOT_FOUND,
    NOT_YOUR_JOB,
    LEASE_LOST;

    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
