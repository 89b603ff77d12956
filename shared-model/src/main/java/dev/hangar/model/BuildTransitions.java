package dev.hangar.model;

import static dev.hangar.model.BuildStatus.ASSIGNED;
import static dev.hangar.model.BuildStatus.CANCELLED;
import static dev.hangar.model.BuildStatus.FAILED;
import static dev.hangar.model.BuildStatus.QUEUED;
import static dev.hangar.model.BuildStatus.RUNNING;
import static dev.hangar.model.BuildStatus.SUCCEEDED;
import static dev.hangar.model.BuildTransitions.Actor.CANCEL;
import static dev.hangar.model.BuildTransitions.Actor.CLAIM;
import static dev.hangar.model.BuildTransitions.Actor.DEAD_LETTER_REDRIVE;
import static dev.hangar.model.BuildTransitions.Actor.GIVE_BACK;
import static dev.hangar.model.BuildTransitions.Actor.REAPER;
import static dev.hangar.model.BuildTransitions.Actor.RUNNER_REMOVAL;
import static dev.hangar.model.BuildTransitions.Actor.RUNNER_REPORT;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every move of a build's status, and who makes it: the one table of a build's life. A move that is
 * not here is refused by that actor's script, which then changes nothing.
 *
 * <p>The engine's Lua scripts enforce these moves where the state lives, each in one atomic step;
 * this table states them for Java and for people, and a test drives every script through every
 * (from, to) pair so the two cannot disagree. It lives beside {@link BuildStatus} in shared-model
 * rather than in the engine because a runner's own moves are part of the wire contract: what a
 * runner may report is read from here by the api-service's request validation, and can be by a
 * runner.
 *
 * <p>A move may keep the status: a runner's progress report, a cancel request on a leased build
 * (flagged for its runner), a dead-lettered build published again. Those still change the build, so
 * they are moves of their actor.
 */
public final class BuildTransitions {

  /** Who moves a build, and through which of the engine's scripts. */
  public enum Actor {
    /** A runner's claim taking the build's message ({@code claim.lua}). */
    CLAIM,
    /** The runner holding the lease, in a status update ({@code report.lua}). */
    RUNNER_REPORT,
    /** A dispatcher ending a lease past its deadline ({@code reap.lua}, {@code release_lease}). */
    REAPER,
    /** A person cancelling the build ({@code cancel.lua}). */
    CANCEL,
    /** A person deleting the build's runner ({@code delete_runner.lua}, {@code release_lease}). */
    RUNNER_REMOVAL,
    /** The return of a claim whose answer could not be delivered ({@code return_claim.lua}). */
    GIVE_BACK,
    /** A dispatcher sending back a dead-lettered build that still waits ({@code redrive.lua}). */
    DEAD_LETTER_REDRIVE
  }

  /**
   * One allowed move.
   *
   * @param when what the move means, for a person reading the table
   */
  public record Transition(Actor actor, BuildStatus from, BuildStatus to, String when) {}

  private static final List<Transition> TABLE =
      List.of(
          move(CLAIM, QUEUED, ASSIGNED, "a runner holds the build's lease"),
          //
          move(RUNNER_REPORT, ASSIGNED, RUNNING, "the runner started the build"),
          move(RUNNER_REPORT, ASSIGNED, FAILED, "the runner could not start it"),
          move(RUNNER_REPORT, ASSIGNED, CANCELLED, "the runner stopped before starting"),
          move(RUNNER_REPORT, RUNNING, RUNNING, "progress; the lease is renewed"),
          move(RUNNER_REPORT, RUNNING, SUCCEEDED, "the build succeeded"),
          move(RUNNER_REPORT, RUNNING, FAILED, "the build failed (runner_reported)"),
          move(RUNNER_REPORT, RUNNING, CANCELLED, "the runner stopped the build"),
          //
          move(REAPER, ASSIGNED, QUEUED, "lease expired: requeued as the next attempt"),
          move(REAPER, ASSIGNED, CANCELLED, "lease expired after a cancel request"),
          move(REAPER, ASSIGNED, FAILED, "lease expired at the last attempt"),
          move(REAPER, RUNNING, QUEUED, "lease expired: requeued as the next attempt"),
          move(REAPER, RUNNING, CANCELLED, "lease expired after a cancel request"),
          move(REAPER, RUNNING, FAILED, "lease expired at the last attempt"),
          //
          move(CANCEL, QUEUED, CANCELLED, "cancelled before any runner took it"),
          move(CANCEL, ASSIGNED, ASSIGNED, "flagged: its runner is told to stop"),
          move(CANCEL, RUNNING, RUNNING, "flagged: its runner is told to stop"),
          //
          move(RUNNER_REMOVAL, ASSIGNED, QUEUED, "runner deleted: requeued as the next attempt"),
          move(RUNNER_REMOVAL, ASSIGNED, CANCELLED, "runner deleted after a cancel request"),
          move(RUNNER_REMOVAL, ASSIGNED, FAILED, "runner deleted at the last attempt"),
          move(RUNNER_REMOVAL, RUNNING, QUEUED, "runner deleted: requeued as the next attempt"),
          move(RUNNER_REMOVAL, RUNNING, CANCELLED, "runner deleted after a cancel request"),
          move(RUNNER_REMOVAL, RUNNING, FAILED, "runner deleted at the last attempt"),
          //
          move(GIVE_BACK, ASSIGNED, QUEUED, "the claim answer was not delivered: same attempt"),
          //
          move(DEAD_LETTER_REDRIVE, QUEUED, QUEUED, "its message was dead-lettered: sent again"));

  private BuildTransitions() {}

  private static Transition move(Actor actor, BuildStatus from, BuildStatus to, String when) {
    return new Transition(actor, from, to, when);
  }

  /** Every allowed move, actor by actor. */
  public static List<Transition> all() {
    return TABLE;
  }

  /** Whether {@code actor} may move a build from {@code from} to {@code to}. */
  public static boolean allows(Actor actor, BuildStatus from, BuildStatus to) {
    return TABLE.stream().anyMatch(t -> t.actor() == actor && t.from() == from && t.to() == to);
  }

  /** The statuses {@code actor} may leave a build in, e.g. what a runner may report. */
  public static Set<BuildStatus> targetsOf(Actor actor) {
    return TABLE.stream()
        .filter(t -> t.actor() == actor)
        .map(Transition::to)
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(BuildStatus.class)));
  }
}
