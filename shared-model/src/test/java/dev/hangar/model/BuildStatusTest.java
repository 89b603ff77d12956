package dev.hangar.model;

import static dev.hangar.model.BuildStatus.ASSIGNED;
import static dev.hangar.model.BuildStatus.CANCELLED;
import static dev.hangar.model.BuildStatus.FAILED;
import static dev.hangar.model.BuildStatus.QUEUED;
import static dev.hangar.model.BuildStatus.RUNNING;
import static dev.hangar.model.BuildStatus.SUCCEEDED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class BuildStatusTest {

  @Test
  void terminalLeasedAndReportableStatuses() {
    assertThat(EnumSet.allOf(BuildStatus.class).stream().filter(BuildStatus::isTerminal))
        .containsExactlyInAnyOrder(SUCCEEDED, FAILED, CANCELLED);
    assertThat(EnumSet.allOf(BuildStatus.class).stream().filter(BuildStatus::isLeased))
        .containsExactlyInAnyOrder(ASSIGNED, RUNNING);
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
