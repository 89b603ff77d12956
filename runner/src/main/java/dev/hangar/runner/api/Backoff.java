package dev.hangar.runner.api;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How long to wait before asking an unreachable server again: a ceiling that doubles with each
 * failure up to {@code max}, and a delay drawn between half the ceiling and the ceiling. The random
 * half keeps a fleet of runners that lost the server together from returning together; the fixed
 * half keeps any one of them from asking again at once.
 */
public record Backoff(Duration first, Duration max) {

  /** For calls that block work (claims, reports): quick at first, at most a minute apart. */
  public static final Backoff NETWORK = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));

  public Backoff {
    if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
      throw new IllegalArgumentException("a backoff needs 0 < first <= max");
    }
  }

  /** The ceiling after {@code failures} failures in a row (1 for the first). */
  public Duration ceiling(int failures) {
    long millis = first.toMillis();
    for (int i = 1; i < failures && millis < max.toMillis(); i++) {
      millis *= 2;
    }
    return Duration.ofMillis(Math.min(millis, max.toMillis()));
  }

  /** The pause before the next attempt, after {@code failures} failures in a row. */
  public Duration delay(int failures, RandomGenerator random) {
    long ceiling = ceiling(failures).toMillis();
    long half = ceiling / 2;
    return Duration.ofMillis(half + random.nextLong(ceiling - half + 1));
  }

  /** The same shape with a lower cap, e.g. never waiting longer than a heartbeat interval. */
  public Backoff cappedAt(Duration cap) {
    Duration capped = cap.compareTo(first) < 0 ? first : cap;
    return new Backoff(first, capped.compareTo(max) < 0 ? capped : max);
  }
}
