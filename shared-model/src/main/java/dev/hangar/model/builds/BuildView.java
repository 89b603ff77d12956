package dev.hangar.model.builds;

import dev.hangar.model.BuildStatus;
import dev.hangar.model.FailureReason;
import dev.hangar.model.Platform;
import dev.hangar.model.Priority;
import dev.hangar.model.runners.StatusUpdate;
import java.util.List;
import java.util.Map;

/**
 * A build as people see it.
 *
 * @param dataExpiredAt when the build's log and artifacts were deleted at the end of its retention;
 *     null while they are kept
 * @param rerunOf the build this one runs again ({@code POST /v1/builds/{id}/rerun}); null for a
 *     build queued on its own
 */
public record BuildView(
    String id,
    String projectId,
    String pipelineId,
    long buildNumber,
    Platform platform,
    String queue,
    Priority priority,
    BuildStatus status,
    int attempt,
    String runnerId,
    Long leaseExpiresAt,
    boolean cancelRequested,
    FailureReason failureReason,
    Integer exitCode,
    String message,
    String commitSha,
    String branch,
    Map<String, Object> configSnapshot,
    StatusUpdate.Progress progress,
    List<StatusUpdate.StepReport> steps,
    List<AttemptView> attempts,
    String createdBy,
    String rerunOf,
    long createdAt,
    long updatedAt,
    Long dataExpiredAt) {}
