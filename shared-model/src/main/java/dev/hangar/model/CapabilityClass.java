package dev.hangar.model;

import dev.hangar.model.validation.Names;
import dev.hangar.model.validation.Violations;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A pipeline's requirements — platform, labels a runner must carry, minimum tool versions — and
 * thus the queue its builds wait in. Two pipelines with the same requirements share a class and a
 * queue.
 */
public record CapabilityClass(
    Platform platform, SortedSet<String> labels, SortedMap<String, String> tools) {

  /**
   * The longest {@link #key()} a class may have. The key is part of its queue names ({@code
   * <namespace>.builds.<key>.normal}), which AMQP caps at 255 bytes; a namespace of up to 64
   * characters leaves 176. Keys are ASCII, so characters are bytes.
   */
  public static final int MAX_KEY_LENGTH = 176;

  public CapabilityClass {
    labels = Collections.unmodifiableSortedSet(new TreeSet<>(labels == null ? Set.of() : labels));
    tools = Collections.unmodifiableSortedMap(new TreeMap<>(tools == null ? Map.of() : tools));
  }

  public static CapabilityClass of(
      Platform platform, Collection<String> labels, Map<String, String> tools) {
    return new CapabilityClass(
        platform,
        new TreeSet<>(labels == null ? Set.of() : labels),
        new TreeMap<>(tools == null ? Map.of() : tools));
  }

  /**
   * A stable name used as routing key and queue suffix, e.g. {@code ios.m2.xcode>=16}: the
   * platform, then labels, then tool floors, each part sorted so equal requirements give equal
   * keys. Labels and tool names are restricted to {@code [a-z0-9_-]} by validation, so the parts
   * cannot collide.
   */
  public String key() {
    StringBuilder key = new StringBuilder(platform.wire());
    labels.forEach(label -> key.append('.').append(label));
    tools.forEach((tool, version) -> key.append('.').append(tool).append(">=").append(version));
    return key.toString();
  }

  /** Whether a runner with these capabilities may run builds of this class. */
  public boolean isSatisfiedBy(Capabilities runner) {
    if (!runner.platforms().contains(platform) || !runner.labels().containsAll(labels)) {
      return false;
    }
    for (Map.Entry<String, String> floor : tools.entrySet()) {
      String offered = runner.tools().get(floor.getKey());
      if (offered == null) {
        return false;
      }
      ToolVersion have = ToolVersion.parse(offered).orElse(null);
      ToolVersion need = ToolVersion.parse(floor.getValue()).orElseThrow();
      if (have == null || !have.atLeast(need)) {
        return false;
      }
    }
    return true;
  }

  /** Checks labels and tool floors as a pipeline states them. */
  public static void validate(Collection<String> labels, Map<String, String> tools, Violations v) {
    Names.checkLabels("labels", labels, v);
    if (tools == null) {
      return;
    }
    Names.checkToolNames("tools", tools.keySet(), v);
    tools.forEach(
        (tool, version) -> {
          if (version == null
              || ToolVersion.parse(version).isEmpty()
              || ToolVersion.hasSuffix(version)) {
            v.add(
                "tools." + tool,
                "must be a minimum version such as 16 or 3.27.1, was '"
                    + Names.clip(String.valueOf(version))
                    + "'");
          }
        });
  }
}
