package dev.hangar.runner.api;

import dev.hangar.model.artifacts.ArtifactView;
import dev.hangar.model.logs.LogAppendAnswer;
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
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;

/** The runner's own endpoints, each call made with its runner token (README "The API"). */
public final class RunnerApi {

  /** How long the server may take to answer once an upload's last byte is sent. */
  private static final Duration UPLOAD_TIMEOUT = Duration.ofSeconds(60);

  /**
   * An upload slower than this, over a runner's uplink, counts as lost: a stalled connection must
   * not hold a job for ever, while a 4 GiB IPA over a slow office line still gets through.
   */
  private static final long SLOWEST_UPLOAD_BYTES_PER_SECOND = 256 * 1024;

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

  /**
   * Appends a chunk of the job's output at {@code offset} (bytes of this attempt's output). A 416
   * is not a failure but the server saying where the output continues; every other refusal is
   * thrown as an {@link ApiProblem}.
   */
  public LogAppend appendLog(String jobId, int attempt, long offset, byte[] chunk)
      throws InterruptedException {
    String path = prefix + "/jobs/" + jobId + "/logs?attempt=" + attempt + "&offset=" + offset;
    HttpResponse<byte[]> answer =
        http.sendBytes(
            "POST", path, config.token(), chunk, "application/octet-stream", Http.REQUEST_TIMEOUT);
    try {
      if (answer.statusCode() == 200) {
        return new LogAppend.Accepted(
            Json.MAPPER.readValue(answer.body(), LogAppendAnswer.class).nextOffset());
      }
      long expected = Json.MAPPER.readTree(answer.body()).path("expected_offset").asLong(-1);
      if (answer.statusCode() == 416 && expected >= 0) {
        return new LogAppend.Elsewhere(expected);
      }
    } catch (JacksonException unreadable) {
      // answered below as what it is
    }
    throw Http.problem(answer.statusCode(), answer.body());
  }

  /** What the server made of a log chunk. */
  public sealed interface LogAppend {

    /** Stored (or stored before); the output continues at {@code nextOffset}. */
    record Accepted(long nextOffset) implements LogAppend {}

    /** Not where the server's copy ends: it continues at {@code expectedOffset}. */
    record Elsewhere(long expectedOffset) implements LogAppend {}
  }

  /**
   * Uploads one file as an artifact of the job's attempt, streamed from disk: {@code sha256} (hex)
   * and {@code size} are the runner's own reading of it, which the server checks against what
   * arrives. Every refusal is thrown as an {@link ApiProblem}.
   */
  public ArtifactView uploadArtifact(
      String jobId, int attempt, String name, Path file, long size, String sha256)
      throws InterruptedException {
    String path =
        prefix
            + "/jobs/"
            + jobId
            + "/artifacts/"
            + PathSegment.encode(name)
            + "?attempt="
            + attempt;
    HttpResponse<byte[]> answer =
        http.sendFile(
            "PUT",
            path,
            config.token(),
            file,
            size,
            Map.of("Content-Type", "application/octet-stream", "Hangar-Content-SHA256", sha256),
            UPLOAD_TIMEOUT.plusSeconds(size / SLOWEST_UPLOAD_BYTES_PER_SECOND));
    if (answer.statusCode() == 201) {
      try {
        return Json.MAPPER.readValue(answer.body(), ArtifactView.class);
      } catch (JacksonException e) {
        throw new ApiProblem(
            201,
            "unreadable_answer",
            "the answer to an artifact upload is not what this runner expects");
      }
    }
    throw Http.problem(answer.statusCode(), answer.body());
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
