package dev.hangar.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one table the bench prints: each figure, its value, what it is compared with, and whether the
 * target is met.
 */
final class ResultTable {

  enum Verdict {
    MET("yes"),
    NOT_MET("**no**"),
    /** A figure with no target (context, or a figure the run could not produce). */
    INFO("—");

    final String text;

    Verdict(String text) {
      this.text = text;
    }

    static Verdict of(boolean met) {
      return met ? MET : NOT_MET;
    }
  }

  record Row(String figure, String value, String baseline, Verdict verdict) {}

  /** What the met? column says of a target in a run whose figures are not measurements. */
  static final String NOT_JUDGED = "not judged (quick run)";

  private final List<Row> rows = new ArrayList<>();
  private final boolean judged;

  /**
   * @param judged whether the run's figures are measurements that may be held against their
   *     targets; a quick run's JVMs are barely warm, so its yes and no would mislead
   */
  ResultTable(boolean judged) {
    this.judged = judged;
  }

  void add(String figure, String value, String baseline, Verdict verdict) {
    rows.add(new Row(figure, value, baseline, verdict));
  }

  List<Row> rows() {
    return List.copyOf(rows);
  }

  /**
   * Rows in figure order (the number a figure starts with), unnumbered context rows last; otherwise
   * as added.
   */
  String markdown() {
    List<Row> ordered = new ArrayList<>(rows);
    ordered.sort(Comparator.comparingInt(r -> figureNumber(r.figure())));
    StringBuilder out = new StringBuilder();
    out.append("| figure | value | baseline / target | met? |\n");
    out.append("|---|---|---|---|\n");
    for (Row row : ordered) {
      out.append("| ")
          .append(cell(row.figure()))
          .append(" | ")
          .append(cell(row.value()))
          .append(" | ")
          .append(cell(row.baseline()))
          .append(" | ")
          .append(verdictText(row.verdict()))
          .append(" |\n");
    }
    return out.toString();
  }

  private String verdictText(Verdict verdict) {
    return judged || verdict == Verdict.INFO ? verdict.text : NOT_JUDGED;
  }

  private static final Pattern NUMBERED = Pattern.compile("^(\\d+)\\.");

  private static int figureNumber(String figure) {
    Matcher m = NUMBERED.matcher(figure);
    return m.find() ? Integer.parseInt(m.group(1)) : Integer.MAX_VALUE;
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
