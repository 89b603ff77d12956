package dev.hangar.bench;

import java.time.Duration;
import java.util.Arrays;

/**
 * Pure arithmetic over measured samples: percentiles, rates, and what interval polling would cost.
 */
final class Stats {

  private Stats() {}

  /**
   * p50, p99 and max of a set of samples (milliseconds), with how many there were; the samples too.
   */
  record Summary(int count, double p50, double p99, double max, double[] samples) {

    static Summary of(double[] samples) {
      return new Summary(
          samples.length,
          percentile(samples, 50),
          percentile(samples, 99),
          percentile(samples, 100),
          samples.clone());
    }

    /** The share of samples at or below {@code limit}, 0–1. */
    double shareAtMost(double limit) {
      return Stats.shareAtMost(samples, limit);
    }
  }

  /**
   * Nearest-rank percentile: the smallest sample with at least {@code p} percent of the samples at
   * or below it, so p99 of 1,000 samples is the 990th smallest and p100 the largest. NaN when
   * empty.
   */
  static double percentile(double[] samples, double p) {
    if (p <= 0 || p > 100) {
      throw new IllegalArgumentException("percentile must be in (0, 100], was " + p);
    }
    if (samples.length == 0) {
      return Double.NaN;
    }
    double[] sorted = samples.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(1, rank) - 1];
  }

  /**
   * Completions per second over the middle of a run, from the completion at fraction {@code from}
   * of the run to the one at {@code to}: the ramp-up (clients connecting, JIT) and the ragged end
   * (clients finishing one by one) would otherwise count as slowness of the system measured. With
   * too few samples for a middle, the whole run.
   */
  static double middleRate(long[] completionNanos, double from, double to) {
    if (completionNanos.length < 2) {
      return Double.NaN;
    }
    long[] sorted = completionNanos.clone();
    Arrays.sort(sorted);
    int last = sorted.length - 1;
    int first = (int) Math.floor(from * last);
    int end = (int) Math.ceil(to * last);
    if (end - first < 10) {
      first = 0;
      end = last;
    }
    long span = sorted[end] - sorted[first];
    return span <= 0 ? Double.NaN : (end - first) * 1e9 / span;
  }

  /**
   * The {@code p}-th percentile of the wait for a runner that polls every {@code interval}: a build
   * queued at a uniformly random moment waits until the next poll, uniform on [0, interval], so the
   * percentile is p% of the interval (p50 = half, max = the whole interval).
   */
  static double intervalPollingMillis(Duration interval, double p) {
    return interval.toNanos() / 1e6 * p / 100.0;
  }

  /** The share of samples at or below {@code limit}, 0–1; NaN when there are none. */
  static double shareAtMost(double[] samples, double limit) {
    if (samples.length == 0) {
      return Double.NaN;
    }
    long within = Arrays.stream(samples).filter(v -> v <= limit).count();
    return (double) within / samples.length;
  }

  /** Nanoseconds as milliseconds. */
  static double millis(long nanos) {
    return nanos / 1e6;
  }
}
