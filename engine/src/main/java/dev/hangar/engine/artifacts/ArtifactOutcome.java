package dev.hangar.engine.artifacts;

import java.util.Locale;

/** What the engine made of reserving room for an upload, or of listing it. */
public sealed interface ArtifactOutcome {

  /** Room for the upload is reserved: its body may be read. */
  record Reserved() implements ArtifactOutcome {}

  /**
   * The upload is listed.
   *
   * @param createdAt when, by Redis's clock
   * @param replacedBlob the blob of the artifact of the same name it replaced, to delete; empty if
   *     none
   */
  record Recorded(long createdAt, String replacedBlob) implements ArtifactOutcome {}

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
