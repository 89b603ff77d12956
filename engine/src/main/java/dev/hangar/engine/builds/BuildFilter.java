package dev.hangar.engine.builds;

import dev.hangar.model.BuildStatus;
import java.util.Set;

/**
 * Which builds a listing shows: those in any of {@code statuses} (any status when empty), of the
 * project, pipeline and branch named (any when null). A pipeline and a project both named must
 * agree, or nothing passes.
 */
public record BuildFilter(
    Set<BuildStatus> statuses, String projectId, String pipelineId, String branch) {

  public BuildFilter {
    statuses = Set.copyOf(statuses);
  }

  /** The index a listing with this filter reads, and so what a position in it means. */
  public BuildIndexKind index() {
    if (pipelineId != null) {
      return BuildIndexKind.PIPELINE;
    }
    return projectId != null ? BuildIndexKind.PROJECT : BuildIndexKind.EVERY;
  }
}
