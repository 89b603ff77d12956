package dev.hangar.model.runners;

import dev.hangar.model.BuildStatus;
import dev.hangar.model.Platform;
import java.util.Map;

/**
 * A job as its runner sees it: the claim answer and {@code GET /jobs/{id}}. {@code repository_url}
 * is the project's, copied onto the build when it was queued, because a runner's token cannot read
 * projects; it is null for a build queued before builds carried it.
 */
public record JobView(
    String buildId,
    String projectId,
    String pipelineId,
    long buildNumber,
    Platform platform,
    int attempt,
    BuildStatus status,
    boolean cancelRequested,
    Map<String, Object> configSnapshot,
    String repositoryUrl,
    String commitSha,
    String branch,
    long leaseExpiresAt) {}
