package dev.hangar.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.model.BuildTransitions.Actor;
import dev.hangar.model.BuildTransitions.Transition;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The table's own shape. Whether the engine's scripts follow it is checked against Redis
 * (BuildTransitionsIT in the dispatcher module).
 */
class BuildTransitionsTest {

  @Test
  void theRunnersMovesAreExactlySpecsTable() {
    assertThat(moves(Actor.RUNNER_REPORT))
        .containsExactlyInAnyOrder(
            "assigned->running",
            "assigned->failed",
            "assigned->cancelled",
            "running->running",
            "running->succeeded",
            "running->failed",
            "running->cancelled");
  }

  @Test
  void aRunnerReportsOnlyWhatTheTableLetsItMoveTo() {
    assertThat(Arrays.stream(BuildStatus.values()).filter(BuildStatus::isReportable))
        .containsExactlyInAnyOrderElementsOf(BuildTransitions.targetsOf(Actor.RUNNER_REPORT));
  }

  @Test
  void nothingMovesAFinishedBuild() {
    assertThat(BuildTransitions.all())
        .filteredOn(t -> t.from().isTerminal())
        .extracting(Transition::toString)
        .isEmpty();
  }

  @Test
  void aLostLeaseEndsTheSameWayWhetherItExpiredOrItsRunnerWasDeleted() {
    assertThat(moves(Actor.RUNNER_REMOVAL)).isEqualTo(moves(Actor.REAPER));
  }

  @Test
  void everyActorMovesSomething() {
    for (Actor actor : Actor.values()) {
      assertThat(moves(actor)).as(actor.name()).isNotEmpty();
    }
  }

  @Test
  void noMoveIsListedTwice() {
    List<String> keys =
        BuildTransitions.all().stream().map(t -> t.actor() + " " + t.from() + t.to()).toList();
    assertThat(keys).doesNotHaveDuplicates();
  }

  private static List<String> moves(Actor actor) {
    return BuildTransitions.all().stream()
        .filter(t -> t.actor() == actor)
        .map(t -> t.from().wire() + "->" + t.to().wire())
        .sorted()
        .toList();
  }
}
