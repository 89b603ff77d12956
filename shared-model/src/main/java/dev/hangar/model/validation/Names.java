package dev.hangar.model.validation;

import java.util.Collection;
import java.util.regex.Pattern;

/**
 * Shapes of the short names that end up in queue names and routing keys (labels, tool names), kept
 * to {@code [a-z0-9_-]} so a capability class key is unambiguous and a valid AMQP name.
 */
public final class Names {

  public static final int MAX_LABELS = 16;
  public static final int MAX_TOOLS = 16;
  private static final Pattern SHORT_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");

  private Names() {}

  public static void checkLabels(String field, Collection<String> labels, Violations v) {
    if (labels == null) {
      return;
    }
    if (labels.size() > MAX_LABELS) {
      v.add(field, "at most " + MAX_LABELS + " labels");
    }
    int i = 0;
    for (String label : labels) {
      if (label == null || !SHORT_NAME.matcher(label).matches()) {
        v.add(
            field + "[" + i + "]",
            "must match [a-z0-9][a-z0-9_-]{0,31}, was '" + clip(String.valueOf(label)) + "'");
      }
      i++;
    }
  }

  public static void checkToolNames(String field, Collection<String> tools, Violations v) {
    if (tools.size() > MAX_TOOLS) {
      v.add(field, "at most " + MAX_TOOLS + " tools");
    }
    for (String tool : tools) {
      if (!SHORT_NAME.matcher(tool).matches()) {
        v.add(field, "tool name must match [a-z0-9][a-z0-9_-]{0,31}, was '" + clip(tool) + "'");
      }
    }
  }

  /**
   * Echoes client input in an error without letting it flood the answer. Counts characters, not
   * UTF-16 units, so a cut never leaves half a surrogate pair in the answer.
   */
  public static String clip(String text) {
    return text.codePointCount(0, text.length()) <= 40
        ? text
        : text.substring(0, text.offsetByCodePoints(0, 40)) + "…";
  }
}
