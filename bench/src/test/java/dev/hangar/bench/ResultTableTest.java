package dev.hangar.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResultTableTest {

  @Test
  void rowsComeOutInFigureOrderWithContextLast() {
    ResultTable table = new ResultTable(true);
    table.add("HTTP errors", "0", "", ResultTable.Verdict.INFO);
    table.add("3. Requeue latency", "p99 300 ms", "≤ 1,000 ms", ResultTable.Verdict.MET);
    table.add("1. Claim throughput", "5,000/s", "≥ 0.6× floor", ResultTable.Verdict.NOT_MET);
    table.add("1. Claim throughput, 2", "6,000/s", "≥ 0.6× floor", ResultTable.Verdict.MET);

    assertThat(table.markdown().lines().skip(2).map(l -> l.split(" \\| ")[0]))
        .containsExactly(
            "| 1. Claim throughput",
            "| 1. Claim throughput, 2",
            "| 3. Requeue latency",
            "| HTTP errors");
  }

  @Test
  void aRunThatIsNotJudgedSaysSoInsteadOfYesOrNo() {
    ResultTable table = new ResultTable(false);
    table.add("1. Claim throughput", "600/s", "≥ 0.6× floor", ResultTable.Verdict.NOT_MET);
    table.add("3. Requeue latency", "p99 300 ms", "≤ 1,000 ms", ResultTable.Verdict.MET);
    table.add("HTTP errors", "0", "", ResultTable.Verdict.INFO);

    assertThat(table.markdown().lines().skip(2).map(l -> l.substring(l.lastIndexOf(" | ") + 3)))
        .containsExactly(ResultTable.NOT_JUDGED + " |", ResultTable.NOT_JUDGED + " |", "— |");
  }

  @Test
  void cellsCannotBreakTheTable() {
    ResultTable table = new ResultTable(true);
    table.add("a|b", "line\nbreak", "x", ResultTable.Verdict.NOT_MET);
    assertThat(table.markdown()).contains("| a\\|b | line break | x | **no** |");
  }
}
