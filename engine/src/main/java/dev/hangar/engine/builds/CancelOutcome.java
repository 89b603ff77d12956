package dev.hangar.engine.builds;

import dev.hangar.model.BuildStatus;

/** What {@code cancel.lua} did with a user's cancel. */
public sealed interface CancelOutcome {

  /** The build was waiting and is cancelled now. */
  record Cancelled() implements CancelOutcome {}

  /** The build is leased: it is flagged, and its runner learns so from its next answer. */
  record Requested(BuildStatus status) implements CancelOutcome {}

  /** The build had finished already: nothing changed. */
  record AlreadyFinished(BuildStatus status) implements CancelOutcome {}

  /** There is no such build. */
  record NoSuchBuild() implements CancelOutcome {}
}
