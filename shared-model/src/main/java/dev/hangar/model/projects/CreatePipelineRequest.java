package dev.hangar.model.projects;

import dev.hangar.model.CapabilityClass;
import dev.hangar.model.Platform;
import dev.hangar.model.ToolVersion;
import dev.hangar.model.artifacts.ArtifactRules;
import dev.hangar.model.validation.Validated;
import dev.hangar.model.validation.Violations;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A pipeline: what to build ({@code config}) and what a runner needs to build it. */
public record CreatePipelineRequest(
    String name,
    Platform platform,
    List<String> labels,
    Map<String, String> tools,
    Map<String, Object> config)
    implements Validated {

  public CreatePipelineRequest {
    labels = labels == null ? List.of() : labels;
    tools = tools == null ? Map.of() : tools;
    config = config == null ? Map.of() : config;
  }

  @Override
  public void validate(Violations v) {
    v.required("name", name);
    v.maxLength("name", name, 100);
    v.required("platform", platform);
    CapabilityClass.validate(labels, tools, v);
    if (platform != null && labels.stream().allMatch(java.util.Objects::nonNull)) {
      int length = capabilityClass().key().length();
      if (length > CapabilityClass.MAX_KEY_LENGTH) {
        v.add(
            "labels",
            "labels and tools together name the build queue and must fit in "
                + CapabilityClass.MAX_KEY_LENGTH
                + " characters, these need "
                + length);
      }
    }
    ArtifactRules.validate(config, v);
  }

  /**
   * The class these requirements name, with each tool floor in its shortest spelling: {@code 16}
   * and {@code 16.0} are the same floor and must not make two queues. Only new pipelines are
   * written this way; a class already stored keeps its key, the name of the queue its builds wait
   * in.
   */
  public CapabilityClass capabilityClass() {
    Map<String, String> floors = new TreeMap<>();
    tools.forEach(
        (tool, version) ->
            floors.put(
                tool, ToolVersion.parse(version).map(ToolVersion::toString).orElse(version)));
    return CapabilityClass.of(platform, labels, floors);
  }
}
