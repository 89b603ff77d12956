package dev.hangar.model.projects;

import dev.hangar.model.Platform;
import java.util.List;
import java.util.Map;

/**
 * A pipeline as stored and shown.
 *
 * @param queue the capability class whose queue the pipeline's builds wait in; builds keep the one
 *     they were queued in when the pipeline's requirements change
 * @param updatedAt when it last changed; its creation time until then, and for a pipeline stored
 *     before pipelines could change
 */
public record PipelineView(
    String id,
    String projectId,
    String name,
    Platform platform,
    List<String> labels,
    Map<String, String> tools,
    Map<String, Object> config,
    String queue,
    long createdAt,
    long updatedAt) {

  public PipelineView {
    updatedAt = updatedAt == 0 ? createdAt : updatedAt;
  }
}
