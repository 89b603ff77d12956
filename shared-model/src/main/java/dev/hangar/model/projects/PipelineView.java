package dev.hangar.model.projects;

import dev.hangar.model.Platform;
import java.util.List;
import java.util.Map;

/** {@code queue} names the capability class whose queue this pipeline's builds wait in. */
public record PipelineView(
    String id,
    String projectId,
    String name,
    Platform platform,
    List<String> labels,
    Map<String, String> tools,
    Map<String, Object> config,
    String queue,
    long createdAt) {}
