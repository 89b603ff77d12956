package dev.hangar.model.runners;

import dev.hangar.model.Platform;
import java.util.Map;

/**
 * The claim answer, field for field as README "The API" describes it, plus {@code repository_url}
 * (see {@link JobView}). A fresh claim is always {@code assigned} and never cancel-requested, so
 * the job view's {@code status} and {@code cancel_requested} are left out rather than sent as
 * noise; {@code GET /jobs/{id}} shows them.
 */
public record ClaimAnswer(
    String buildId,
    String projectId,
    String pipelineId,
    long buildNumber,
    Platform platform,
    int attempt,
    Map<String, Object> configSnapshot,
    String repositoryUrl,
    String commitSha,
    String branch,
    long leaseExpiresAt) {

  public static ClaimAnswer of(JobView job) {
    return new ClaimAnswer(
        job.buildId(),
        job.projectId(),
        job.pipelineId(),
        job.buildNumber(),
        job.platform(),
        job.attempt(),
        job.configSnapshot(),
        job.repositoryUrl(),
        job.commitSha(),
        job.branch(),
        job.leaseExpiresAt());
  }
}
