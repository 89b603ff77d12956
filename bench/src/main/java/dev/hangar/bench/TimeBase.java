package dev.hangar.bench;

import java.time.Instant;

/**
 * Converts the bench's {@link System#nanoTime()} stamps to Redis's clock, so a handoff seen by a
 * runner can be set against a lease deadline Hangar computed from Redis {@code TIME}. The offset is
 * measured once, from the round trip with the least delay.
 */
final class TimeBase {

  private final long baseNanos;
  private final double baseEpochMillis;
  private final double redisOffsetMillis;

  TimeBase(Services services) {
    Instant now = Instant.now();
    this.baseNanos = System.nanoTime();
    this.baseEpochMillis = now.getEpochSecond() * 1000.0 + now.getNano() / 1e6;
    double bestRoundTrip = Double.MAX_VALUE;
    double offset = 0;
    for (int i = 0; i < 9; i++) {
      long before = System.nanoTime();
      double redis = services.redisMillis();
      long after = System.nanoTime();
      double roundTrip = (after - before) / 1e6;
      if (roundTrip < bestRoundTrip) {
        bestRoundTrip = roundTrip;
        offset = redis - epochMillis(before + (after - before) / 2);
      }
    }
    this.redisOffsetMillis = offset;
  }

  double epochMillis(long nanos) {
    return baseEpochMillis + (nanos - baseNanos) / 1e6;
  }

  /** A local stamp on Redis's clock, in milliseconds. */
  double redisMillis(long nanos) {
    return epochMillis(nanos) + redisOffsetMillis;
  }

  double offsetMillis() {
    return redisOffsetMillis;
  }
}
