package dev.hangar.runner.api;

import dev.hangar.model.runners.ClaimAnswer;
import dev.hangar.model.runners.HeartbeatAnswer;
import dev.hangar.model.runners.JobView;
import dev.hangar.model.runners.RunnerView;
import dev.hangar.model.runners.StatusAnswer;
import dev.hangar.model.runners.StatusUpdate;
import dev.hangar.model.runners.UpdateRunnerRequest;
import dev.hangar.model.signing.AndroidSigningUpload;
import dev.hangar.model.signing.IosSigningUpload;
import dev.hangar.runner.config.RunnerConfig;
import java.util.Optional;

/** The runner's own endpoints, each call made with its runner token (README "The API"). */
public final class RunnerApi {

  private final Http http;
  private final RunnerConfig config;
  private final String prefix;

  public RunnerApi(RunnerConfig config) {
    this.http = new Http(config.url());
    this.config = config;
    this.prefix = "/v1/runners/" + config.runnerId();
  }

  public String runnerId() {
    return config.runnerId();
  }

  public RunnerView update(UpdateRunnerRequest request) throws InterruptedException {
    return http.send(
            "PATCH", prefix, config.token(), request, RunnerView.class, Http.REQUEST_TIMEOUT)
        .orElseThrow();
  }

  public HeartbeatAnswer heartbeat() throws InterruptedException {
    return http.send(
            "POST",
            prefix + "/heartbeat",
            config.token(),
            null,
            HeartbeatAnswer.class,
            Http.REQUEST_TIMEOUT)
        .orElseThrow();
  }

  /** A job, or empty when nothing this runner may run arrived within {@code waitSeconds}. */
  public Optional<ClaimAnswer> claim(int waitSeconds) throws InterruptedException {
    return http.send(
        "POST",
        prefix + "/claim?wait=" + waitSeconds,
        config.token(),
        null,
        ClaimAnswer.class,
        Http.REQUEST_TIMEOUT.plusSeconds(waitSeconds));
  }

  /** Reading a job also acknowledges it, so heartbeats renew its lease from then on. */
  public JobView job(String jobId) throws InterruptedException {
    return http.send(
            "GET",
            prefix + "/jobs/" + jobId,
            config.token(),
            null,
            JobView.class,
            Http.REQUEST_TIMEOUT)
        .orElseThrow();
  }

  public StatusAnswer report(String jobId, StatusUpdate update) throws InterruptedException {
    return http.send(
            "POST",
            prefix + "/jobs/" + jobId + "/status",
            config.token(),
            update,
            StatusAnswer.class,
            Http.REQUEST_TIMEOUT)
        .orElseThrow();
  }

  /** The pipeline's Android signing material, or empty when it has none. */
  public Optional<AndroidSigningUpload> androidSigning(String jobId) throws InterruptedException {
    return signing(jobId, "android-signing", AndroidSigningUpload.class);
  }

  /** The pipeline's iOS/macOS signing material, or empty when it has none. */
  public Optional<IosSigningUpload> iosSigning(String jobId) throws InterruptedException {
    return signing(jobId, "ios-signing", IosSigningUpload.class);
  }

  private <T> Optional<T> signing(String jobId, String kind, Class<T> type)
      throws InterruptedException {
    try {
      return http.send(
          "GET",
          prefix + "/jobs/" + jobId + "/" + kind,
          config.token(),
          null,
          type,
          Http.REQUEST_TIMEOUT);
    } catch (ApiProblem problem) {
      if (problem.is(404, "signing_not_configured")) {
        return Optional.empty();
      }
      throw problem;
    }
  }
}
