package dev.hangar.model;

import static dev.hangar.model.BuildStatus.ASSIGNED;
import static dev.hangar.model.BuildStatus.CANCELLED;
import static dev.hangar.model.BuildStatus.FAILED;
import static dev.hangar.model.BuildStatus.QUEUED;
import static dev.hangar.model.BuildStatus.RUNNING;
import static dev.hangar.model.BuildStatus.SUCCEEDED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BuildStatusTest {

  @Test
  void theRunnerMovesAreExactlySpecsTable() {
    Set<String> allowed = new java.util.TreeSet<>();
    for (BuildStatus from : BuildStatus.values()) {
      for (BuildStatus to : BuildStatus.values()) {
        if (from.allowsReport(to)) {
          allowed.add(from.wire() + "->" + to.wire());
        }
      }
    }
    assertThat(allowed)
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
  void terminalAndReportableStatuses() {
    assertThat(EnumSet.allOf(BuildStatus.class).stream().filter(BuildStatus::isTerminal))
        .containsExactlyInAnyOrder(SUCCEEDED, FAILED, CANCELLED);
    assertThat(QUEUED.isReportable()).isFalse();
    assertThat(ASSIGNED.isReportable()).isFalse();
    assertThat(RUNNING.isReportable()).isTrue();
  }

  @Test
  void wireNamesRoundTrip() {
    for (BuildStatus status : BuildStatus.values()) {
      assertThat(BuildStatus.fromWire(status.wire())).isEqualTo(status);
    }
  }
}
