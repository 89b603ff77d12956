package dev.hangar.bench;

import java.util.Arrays;

/**
 * A figure measured against its baseline in interleaved rounds (baseline, candidate; then
 * candidate, baseline; ...; with more measures, the order rotates), reported as the median of the
 * per-round ratios. On a shared machine the background load drifts; pairing each measurement with a
 * baseline taken right beside it, and alternating which goes first, keeps that drift out of the
 * ratio far better than one long run of each.
 */
final class Rounds {

  private Rounds() {}

  /** One measurement: a rate, higher is better. */
  @FunctionalInterface
  interface Measure {
    double rate() throws Exception;
  }

  /** The rates of each round, in round order. */
  record Comparison(double[] baseline, double[] candidate) {

    double baselineMedian() {
      return median(baseline);
    }

    double candidateMedian() {
      return median(candidate);
    }

    /** Median over rounds of candidate ÷ baseline. */
    double ratio() {
      double[] ratios = new double[baseline.length];
      for (int i = 0; i < ratios.length; i++) {
        ratios[i] = candidate[i] / baseline[i];
      }
      return median(ratios);
    }

    /** Each round's ratio, e.g. {@code 0.31, 0.29, 0.33}, for the report. */
    String ratios() {
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < baseline.length; i++) {
        out.append(i == 0 ? "" : ", ").append(String.format("%.2f", candidate[i] / baseline[i]));
      }
      return out.toString();
    }
  }

  static Comparison interleave(int rounds, Measure baseline, Measure candidate) throws Exception {
    double[][] rates = rotate(rounds, baseline, candidate);
    return new Comparison(rates[0], rates[1]);
  }

  /**
   * Every measure once per round, the order rotating by one each round (a, b, c; b, c, a; c, a, b;
   * ...), so each goes first as often as the others. Returns {@code rates[measure][round]}.
   */
  static double[][] rotate(int rounds, Measure... measures) throws Exception {
    double[][] rates = new double[measures.length][rounds];
    for (int r = 0; r < rounds; r++) {
      for (int k = 0; k < measures.length; k++) {
        int m = (r + k) % measures.length;
        rates[m][r] = measures[m].rate();
      }
    }
    return rates;
  }

  /** The middle value; for an even count, the mean of the two middle ones. NaN when empty. */
  static double median(double[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }
}
