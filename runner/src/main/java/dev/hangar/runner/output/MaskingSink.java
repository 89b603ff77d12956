package dev.hangar.runner.output;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Hides the job's secrets (signing passwords) in its output before it goes anywhere, so a step that
 * echoes one does not put it in a log. Values shorter than {@link #MIN_LENGTH} are left alone:
 * masking them would garble ordinary output and hide little.
 */
public final class MaskingSink implements OutputSink {

  public static final int MIN_LENGTH = 4;
  static final String MASK = "[masked]";

  private final OutputSink next;
  private final List<String> secrets;

  public MaskingSink(OutputSink next, Set<String> secrets) {
    this.next = next;
    // Longest first, so a secret that contains another is masked whole.
    this.secrets =
        secrets.stream()
            .filter(s -> s != null && s.length() >= MIN_LENGTH)
            .sorted(Comparator.comparingInt(String::length).reversed())
            .toList();
  }

  @Override
  public void line(String step, String text) {
    String masked = text;
    for (String secret : secrets) {
      masked = masked.replace(secret, MASK);
    }
    next.line(step, masked);
  }

  @Override
  public void stepStarted(String step) {
    next.stepStarted(step);
  }
}
