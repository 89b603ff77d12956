package dev.hangar.engine.claims;

import dev.hangar.engine.support.EngineJson;
import dev.hangar.model.BuildStatus;
import dev.hangar.model.Platform;
import dev.hangar.model.runners.JobView;
import java.time.Duration;
import java.util.Map;
import tools.jackson.core.type.TypeReference;

/** What {@code claim.lua} made of one message taken for a runner. */
public sealed interface ClaimOutcome {

  /**
   * The lease is recorded: the caller acks the message and hands the runner its job. The config
   * snapshot stays JSON until {@link #job()} asks for it.
   *
   * @param waited how long the build waited in its queue, from when it was queued (or requeued) to
   *     this claim, by Redis's clock
   */
  record Claimed(
      String buildId,
      int attempt,
      long leaseDeadlineMillis,
      Duration waited,
      String projectId,
      String pipelineId,
      long buildNumber,
      Platform platform,
      String configSnapshotJson,
      String commitSha,
      String branch,
      String repositoryUrl)
      implements ClaimOutcome {

    private static final TypeReference<Map<String, Object>> CONFIG = new TypeReference<>() {};

    /** The job as the runner is told it. */
    public JobView job() {
      return new JobView(
          buildId,
          projectId,
          pipelineId,
          buildNumber,
          platform,
          attempt,
          BuildStatus.ASSIGNED,
          false,
          EngineJson.read(configSnapshotJson, CONFIG),
          repositoryUrl,
          commitSha,
          branch,
          leaseDeadlineMillis / 1000);
    }
  }

  /**
   * The build no longer waits at the message's attempt (cancelled, claimed through a redelivered
   * copy, requeued since): the caller acks and drops the message.
   *
   * @param status what the build is now; null when there is no such build
   */
  record Stale(BuildStatus status) implements ClaimOutcome {}

  /**
   * The runner is not what the caller matched the build against: the message goes back to its
   * queue, and nothing was recorded.
   */
  record RunnerChanged(Change change) implements ClaimOutcome {}

  /** How the runner changed since the claim's caller looked at it. */
  enum Change {
    /** Its token was revoked (the runner was deleted or re-registered). */
    TOKEN_REVOKED,
    DRAINING,
    /** It took other jobs meanwhile and has no room left. */
    AT_CAPACITY,
    CAPABILITIES_CHANGED
  }
}
