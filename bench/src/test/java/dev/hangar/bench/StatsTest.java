package dev.hangar.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StatsTest {

  private static final double[] ONE_TO_THOUSAND =
      IntStream.rangeClosed(1, 1000).asDoubleStream().toArray();

  @Test
  void percentilesUseTheNearestRank() {
    assertThat(Stats.percentile(ONE_TO_THOUSAND, 50)).isEqualTo(500);
    assertThat(Stats.percentile(ONE_TO_THOUSAND, 99)).isEqualTo(990);
    assertThat(Stats.percentile(ONE_TO_THOUSAND, 100)).isEqualTo(1000);
    assertThat(Stats.percentile(new double[] {7}, 99)).isEqualTo(7);
  }

  @Test
  void percentilesDoNotDependOnOrderAndLeaveTheSamplesAlone() {
    double[] shuffled = {9, 1, 5, 3, 7};
    assertThat(Stats.percentile(shuffled, 50)).isEqualTo(5);
    assertThat(shuffled).containsExactly(9, 1, 5, 3, 7);
  }

  @Test
  void noSamplesHaveNoPercentile() {
    assertThat(Stats.percentile(new double[0], 50)).isNaN();
    assertThatThrownBy(() -> Stats.percentile(ONE_TO_THOUSAND, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void summaryHoldsCountP50P99AndMax() {
    Stats.Summary s = Stats.Summary.of(ONE_TO_THOUSAND);
    assertThat(s.count()).isEqualTo(1000);
    assertThat(s.p50()).isEqualTo(500);
    assertThat(s.p99()).isEqualTo(990);
    assertThat(s.max()).isEqualTo(1000);
  }

  @Test
  void shareAtMostCountsSamplesAtTheLimitAsWithin() {
    assertThat(Stats.shareAtMost(ONE_TO_THOUSAND, 250)).isEqualTo(0.25);
    assertThat(Stats.Summary.of(ONE_TO_THOUSAND).shareAtMost(1000)).isEqualTo(1.0);
    assertThat(Stats.shareAtMost(new double[0], 1)).isNaN();
  }

  @Test
  void middleRateIgnoresASlowStartAndARaggedEnd() {
    // 100 completions 1 ms apart, after a 1 s stall at the start and another at the end.
    long[] stamps = new long[102];
    stamps[0] = 0;
    for (int i = 1; i <= 100; i++) {
      stamps[i] = 1_000_000_000L + i * 1_000_000L;
    }
    stamps[101] = 3_000_000_000L;
    assertThat(Stats.middleRate(stamps, 0.1, 0.9)).isCloseTo(1_000, within(1.0));
  }

  @Test
  void middleRateFallsBackToTheWholeRunWhenThereIsNoMiddle() {
    long[] stamps = {0, 500_000_000L, 1_000_000_000L};
    assertThat(Stats.middleRate(stamps, 0.1, 0.9)).isCloseTo(2.0, within(1e-9));
    assertThat(Stats.middleRate(new long[] {5}, 0.1, 0.9)).isNaN();
  }

  @Test
  void intervalPollingWaitIsUniformOverTheInterval() {
    assertThat(Stats.intervalPollingMillis(Duration.ofSeconds(3), 50)).isEqualTo(1_500);
    assertThat(Stats.intervalPollingMillis(Duration.ofSeconds(3), 99))
        .isCloseTo(2_970, within(1e-9));
    assertThat(Stats.intervalPollingMillis(Duration.ofSeconds(5), 100)).isEqualTo(5_000);
  }
}
