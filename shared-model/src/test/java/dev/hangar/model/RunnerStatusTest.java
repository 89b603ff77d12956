package dev.hangar.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RunnerStatusTest {

  private static final Duration OFFLINE_AFTER = Duration.ofSeconds(45);

  @Test
  void silenceBeyondTheThresholdIsOfflineWhateverElseHolds() {
    assertThat(RunnerStatus.derive(0, 45_001, OFFLINE_AFTER, true, 1, 1))
        .isEqualTo(RunnerStatus.OFFLINE);
    assertThat(RunnerStatus.derive(0, 45_000, OFFLINE_AFTER, false, 0, 1))
        .isEqualTo(RunnerStatus.ONLINE);
  }

  @Test
  void drainingComesBeforeBusyAndBusyBeforeOnline() {
    assertThat(RunnerStatus.derive(0, 1_000, OFFLINE_AFTER, true, 1, 1))
        .isEqualTo(RunnerStatus.DRAINING);
    assertThat(RunnerStatus.derive(0, 1_000, OFFLINE_AFTER, false, 2, 2))
        .isEqualTo(RunnerStatus.BUSY);
    assertThat(RunnerStatus.derive(0, 1_000, OFFLINE_AFTER, false, 1, 2))
        .isEqualTo(RunnerStatus.ONLINE);
  }
}
