package dev.hangar.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoundsTest {

  @Test
  void roundsAlternateWhichSideGoesFirst() throws Exception {
    List<String> order = new ArrayList<>();
    Rounds.interleave(
        3,
        () -> {
          order.add("base");
          return 1;
        },
        () -> {
          order.add("cand");
          return 1;
        });
    assertThat(order).containsExactly("base", "cand", "cand", "base", "base", "cand");
  }

  @Test
  void withMoreMeasuresTheOrderRotatesAndEachRateStaysWithItsMeasure() throws Exception {
    List<String> order = new ArrayList<>();
    double[][] rates =
        Rounds.rotate(
            3,
            () -> {
              order.add("a");
              return 1;
            },
            () -> {
              order.add("b");
              return 2;
            },
            () -> {
              order.add("c");
              return 3;
            });
    assertThat(order).containsExactly("a", "b", "c", "b", "c", "a", "c", "a", "b");
    assertThat(rates[0]).containsExactly(1, 1, 1);
    assertThat(rates[1]).containsExactly(2, 2, 2);
    assertThat(rates[2]).containsExactly(3, 3, 3);
  }

  @Test
  void theRatioIsTheMedianOfEachRoundsRatioNotTheRatioOfMedians() {
    // A slow round for both sides (the machine was busy) must not skew the ratio.
    Rounds.Comparison c =
        new Rounds.Comparison(new double[] {1000, 400, 1000}, new double[] {500, 200, 600});
    assertThat(c.ratio()).isCloseTo(0.5, within(1e-9));
    assertThat(c.baselineMedian()).isEqualTo(1000);
    assertThat(c.candidateMedian()).isEqualTo(500);
    assertThat(c.ratios()).isEqualTo("0.50, 0.50, 0.60");
  }

  @Test
  void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
    assertThat(Rounds.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
    assertThat(Rounds.median(new double[] {7})).isEqualTo(7);
    assertThat(Rounds.median(new double[0])).isNaN();
  }
}
