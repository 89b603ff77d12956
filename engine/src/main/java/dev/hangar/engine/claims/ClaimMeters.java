package dev.hangar.engine.claims;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * The claim path's meters, each resolved once so that a claim only bumps numbers in memory: claims
 * by result, the claim's own work (taking, recording, acking; never a long-poll's wait) and how
 * long a build waited in its queue before a runner got it. The histograms have fixed buckets rather
 * than Micrometer's seventy-odd percentile buckets: enough for an alert and a dashboard, cheap to
 * record and to scrape.
 */
@Component
public class ClaimMeters {

  /** How one claim call ended. */
  public enum Result {
    CLAIMED,
    /** Nothing this runner may run was waiting. */
    EMPTY,
    DRAINING,
    AT_CAPACITY,
    /** The runner drained, re-tooled or went away while the claim was made. */
    RUNNER_CHANGED,
    /** Redis or RabbitMQ failed the claim. */
    FAILED;

    String tag() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Map<Result, Counter> claims = new EnumMap<>(Result.class);
  private final Timer duration;
  private final Timer dispatchLatency;

  public ClaimMeters(MeterRegistry meters) {
    for (Result result : Result.values()) {
      claims.put(
          result,
          Counter.builder("hangar.claims")
              .description("claim calls by how they ended (a long-poll may make several)")
              .tag("result", result.tag())
              .register(meters));
    }
    duration =
        Timer.builder("hangar.claim.duration")
            .description("a claim call's own work, without any long-poll wait")
            .serviceLevelObjectives(
                millis(1),
                millis(2),
                millis(5),
                millis(10),
                millis(25),
                millis(50),
                millis(100),
                millis(250),
                millis(500),
                millis(1000),
                millis(5000))
            .register(meters);
    dispatchLatency =
        Timer.builder("hangar.dispatch.latency")
            .description("from a build entering its queue (or re-entering it) to a runner's claim")
            .serviceLevelObjectives(
                millis(10),
                millis(50),
                millis(100),
                millis(250),
                millis(500),
                millis(1000),
                millis(2500),
                millis(5000),
                millis(10_000),
                millis(30_000),
                millis(60_000),
                millis(300_000),
                millis(900_000),
                millis(3_600_000))
            .register(meters);
  }

  /** One claim call, timed from {@code startedNanos} (System.nanoTime()) to now. */
  void claimEnded(Result result, long startedNanos) {
    claims.get(result).increment();
    duration.record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
  }

  /** A build handed to a runner after waiting this long in its queue. */
  void dispatched(Duration waited) {
    dispatchLatency.record(waited);
  }

  private static Duration millis(long millis) {
    return Duration.ofMillis(millis);
  }
}
