package dev.hangar.model;

import dev.hangar.model.validation.Names;
import dev.hangar.model.validation.Violations;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a runner offers: platforms it builds for, tool versions it has, free-form labels, and how
 * many jobs it runs at once. Absent parts mean none (capacity: 1).
 */
public record Capabilities(
    List<Platform> platforms, Map<String, String> tools, List<String> labels, Integer capacity) {

  public static final int MAX_CAPACITY = 64;

  public Capabilities {
    platforms = platforms == null ? List.of() : List.copyOf(new TreeSet<>(platforms));
    tools = tools == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(tools));
    labels = labels == null ? List.of() : List.copyOf(new TreeSet<>(labels));
    capacity = capacity == null ? 1 : capacity;
  }

  public static Capabilities none() {
    return new Capabilities(null, null, null, null);
  }

  public void validate(String field, Violations v) {
    if (capacity < 1 || capacity > MAX_CAPACITY) {
      v.add(field + ".capacity", "must be between 1 and " + MAX_CAPACITY);
    }
    Names.checkLabels(field + ".labels", labels, v);
    Names.checkToolNames(field + ".tools", tools.keySet(), v);
    tools.forEach(
        (tool, version) -> {
          if (ToolVersion.parse(version).isEmpty()) {
            v.add(
                field + ".tools." + tool,
                "must be a version such as 16.2 or 3.27.1, was '"
                    + Names.clip(String.valueOf(version))
                    + "'");
          }
        });
  }
}
