package dev.hangar.model.projects;

import dev.hangar.model.CapabilityClass;
import dev.hangar.model.Platform;
import dev.hangar.model.validation.Validated;
import dev.hangar.model.validation.Violations;
import java.util.List;
import java.util.Map;

/** A pipeline: what to build ({@code config}) and what a runner needs to build it. */
public record CreatePipelineRequest(
    String name, Platform platform, List<String> labels, Map<String, String> tools, Map<String, Object> config)
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
  }

  public CapabilityClass capabilityClass() {
    return CapabilityClass.of(platform, labels, tools);
  }
}
