package dev.hangar.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One line of a {@code /actuator/prometheus} answer: {@code name{label="value",...} value}. */
public record PrometheusSample(String name, Map<String, String> labels, double value) {

  private static final Pattern LINE =
      Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+).*");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  /**
   * Every sample in the text; comments ({@code # HELP}, {@code # TYPE}) and blank lines are
   * skipped.
   */
  public static List<PrometheusSample> parse(String text) {
    List<PrometheusSample> samples = new ArrayList<>();
    for (String line : text.lines().map(String::strip).toList()) {
      Matcher sample = LINE.matcher(line);
      if (line.startsWith("#") || !sample.matches()) {
        continue;
      }
      Map<String, String> labels = new LinkedHashMap<>();
      if (sample.group(2) != null) {
        Matcher label = LABEL.matcher(sample.group(2));
        while (label.find()) {
          labels.put(label.group(1), label.group(2));
        }
      }
      samples.add(new PrometheusSample(sample.group(1), labels, number(sample.group(3))));
    }
    return samples;
  }

  /**
   * The value of the first of these samples with the name and at least these labels; fails, naming
   * where the samples came from, when there is none.
   */
  public static double valueOf(
      List<PrometheusSample> samples, String name, Map<String, String> labels, String source) {
    return samples.stream()
        .filter(sample -> sample.matches(name, labels))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no sample " + name + labels + " at " + source))
        .value();
  }

  /** Whether this sample has the name and at least these labels. */
  public boolean matches(String wanted, Map<String, String> wantedLabels) {
    return name.equals(wanted) && labels.entrySet().containsAll(wantedLabels.entrySet());
  }

  private static double number(String text) {
    return switch (text) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(text);
    };
  }
}
