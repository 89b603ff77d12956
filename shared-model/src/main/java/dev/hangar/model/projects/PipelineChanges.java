package dev.hangar.model.projects;

import dev.hangar.model.Platform;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code PATCH /v1/pipelines/{id}}, as the API describes it: a JSON merge patch (RFC
 * 7396), every field optional; {@code tools} and {@code config} merge key by key ({@code null}
 * removes one), {@code labels} is replaced whole. The result is validated as {@link
 * CreatePipelineRequest}.
 */
public record PipelineChanges(
    String name,
    Platform platform,
    List<String> labels,
    Map<String, String> tools,
    Map<String, Object> config) {}
