package dev.hangar.runner.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));

  @Test
  void theCeilingDoublesWithEachFailureUpToTheCap() {
    assertThat(BACKOFF.ceiling(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(BACKOFF.ceiling(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(BACKOFF.ceiling(3)).isEqualTo(Duration.ofSeconds(4));
    assertThat(BACKOFF.ceiling(6)).isEqualTo(Duration.ofSeconds(32));
    assertThat(BACKOFF.ceiling(7)).isEqualTo(Duration.ofSeconds(60));
    assertThat(BACKOFF.ceiling(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void everyDelayLiesBetweenHalfTheCeilingAndTheCeiling() {
    RandomGenerator random = new SplittableRandom(16);
    for (int failures = 1; failures <= 100; failures++) {
      Duration ceiling = BACKOFF.ceiling(failures);
      for (int draw = 0; draw < 200; draw++) {
        assertThat(BACKOFF.delay(failures, random)).isBetween(ceiling.dividedBy(2), ceiling);
      }
    }
  }

  @Test
  void delaysAreSpreadNotAllTheSame() {
    RandomGenerator random = new SplittableRandom(7);
    long distinct =
        java.util.stream.IntStream.range(0, 50)
            .mapToObj(i -> BACKOFF.delay(8, random))
            .distinct()
            .count();
    assertThat(distinct).isGreaterThan(10);
  }

  @Test
  void aLowerCapIsKeptButNeverBelowTheFirstDelay() {
    assertThat(BACKOFF.cappedAt(Duration.ofSeconds(15)).ceiling(10))
        .isEqualTo(Duration.ofSeconds(15));
    assertThat(BACKOFF.cappedAt(Duration.ofMillis(10)).ceiling(10))
        .isEqualTo(Duration.ofSeconds(1));
    assertThat(BACKOFF.cappedAt(Duration.ofMinutes(5))).isEqualTo(BACKOFF);
  }

  @Test
  void aBackoffNeedsAPositiveFirstDelayNoLongerThanItsCap() {
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
