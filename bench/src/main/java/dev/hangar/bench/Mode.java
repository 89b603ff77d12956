package dev.hangar.bench;

import java.time.Duration;

/**
 * How much work each figure gets. {@link #FULL} uses the counts BENCHMARKS.md states; {@link
 * #QUICK} shrinks the slow parts (seeding 100k builds over HTTP above all) so a run takes a few
 * minutes, most of them spent starting JVMs and queueing builds.
 *
 * @param warmupBuilds builds claimed through REST (and messages through the floor) in one warm-up
 *     batch
 * @param warmupBatches the most warm-up batches: they repeat until the REST rate of a batch is less
 *     than {@link #WARM} above the batch before (the JIT has compiled the claim path), or this many
 *     ran
 * @param throughputClaims claims per throughput measurement (REST and floor alike)
 * @param clients client threads for throughput and scale, the same number for REST and for the
 *     floor
 * @param dispatchBuilds builds whose dispatch latency is measured
 * @param heartbeatWindow how long heartbeats are counted at each runner count
 * @param smallDepth builds left queued in the "few queued" scale measurement
 * @param largeDepth builds left queued in the "many queued" scale measurement
 * @param depthClaims claims timed at each depth
 * @param classClaims claims timed with one class and with {@link #CLASSES} classes
 * @param requeueExpiries leases left to expire for the requeue figure
 * @param rounds interleaved rounds of each comparison with a baseline (see {@link Rounds}); the
 *     claim counts above are totals, split evenly over the rounds
 * @param logWindow how long runners append to logs for the ingest figure
 * @param followWindow how long runners append to the logs {@link #FOLLOWERS} clients follow
 * @param artifacts artifacts uploaded and downloaded for the artifact figure
 * @param artifactMebibytes the size of each
 */
record Mode(
    String name,
    int warmupBuilds,
    int warmupBatches,
    int throughputClaims,
    int clients,
    int dispatchBuilds,
    Duration heartbeatWindow,
    int smallDepth,
    int largeDepth,
    int depthClaims,
    int classClaims,
    int requeueExpiries,
    int rounds,
    Duration logWindow,
    Duration followWindow,
    int artifacts,
    int artifactMebibytes) {

  static final int CLASSES = 50;

  /**
   * A warm-up batch this much faster than the one before means the processes are still warming up.
   */
  static final double WARM = 0.10;

  /** Expiries per second in the requeue figure: steady, like runners vanishing one by one. */
  static final int REQUEUE_RATE = 100;

  static final int HEARTBEAT_CLIENTS = 64;

  /** Runners appending to logs at once for the ingest figure, over both main instances. */
  static final int LOG_RUNNERS = 16;

  /** Clients following live logs on the one instance whose heap is capped, in every mode. */
  static final int FOLLOWERS = 1_000;

  /** Builds those clients follow, as many clients on each. */
  static final int FOLLOWED_BUILDS = 10;

  static final int[] HEARTBEAT_RUNNERS = {1_000, 10_000};

  // Quick mode's time goes to starting four JVMs on two cores and to queueing builds over HTTP (a
  // few hundred per second here), so it keeps the builds it queues to about five thousand.
  static final Mode QUICK =
      new Mode(
          "quick",
          200,
          1,
          800,
          16,
          100,
          Duration.ofSeconds(2),
          300,
          1_200,
          400,
          400,
          200,
          1,
          Duration.ofSeconds(3),
          Duration.ofSeconds(3),
          4,
          32);
  // Full mode's expiries span 20 s, longer than any periodic background task of the dispatcher (its
  // metrics refresh runs every 15 s), so whatever those tasks do to the reaper shows in the figure.
  // A throughput round is 15,000 claims: at 5,000 per round the floor's ran for under a second, and
  // a single stall of RabbitMQ moved it by ±20 % from round to round. For the same reason a classes
  // round is 10,000 claims and a depth round 4,000 (at 4,000 and 2,000, ~2 s and ~1 s on a slow
  // day, their rounds' ratios ranged 0.57–0.86 and 0.72–1.07 within one run).
  static final Mode FULL =
      new Mode(
          "full",
          8_000,
          6,
          45_000,
          16,
          3_000,
          Duration.ofSeconds(10),
          1_000,
          100_000,
          12_000,
          30_000,
          2_000,
          3,
          Duration.ofSeconds(10),
          Duration.ofSeconds(10),
          8,
          128);

  int perRound(int total) {
    return total / rounds;
  }
}
