package dev.hangar.api.logs;

import dev.hangar.api.signing.SecretBox;
import dev.hangar.api.web.ApiException;
import dev.hangar.engine.EngineException;
import dev.hangar.engine.builds.BuildStore;
import dev.hangar.engine.logs.AppendOutcome;
import dev.hangar.engine.logs.LogAppend;
import dev.hangar.engine.logs.LogPosition;
import dev.hangar.engine.logs.LogSettings;
import dev.hangar.engine.logs.LogStore;
import dev.hangar.engine.runners.AuthenticatedRunner;
import dev.hangar.engine.support.Ids;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Arrays;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Takes a chunk of a job's output from its runner: masks every secret the server knows for the job
 * (also one cut in two by the chunk boundary, see {@link SecretMask}) and stores what is left under
 * the lease rules of {@code append_log.lua}. The tail held back as the possible start of a secret
 * is kept in Redis sealed with HANGAR_SECRETS_KEY, so no part of a secret is ever stored in the
 * clear.
 */
@Component
class LogIngest {

  /** Appends racing for one log (a runner retrying in parallel) settle within a few reads. */
  private static final int TRIES = 5;

  private final LogStore store;
  private final JobSecrets secrets;
  private final SecretBox box;
  private final long maxBytes;
  private final Counter bytesReceived;

  LogIngest(
      LogStore store,
      JobSecrets secrets,
      SecretBox box,
      LogSettings settings,
      MeterRegistry meters) {
    this.store = store;
    this.secrets = secrets;
    this.box = box;
    this.maxBytes = settings.logMaxBytes().toBytes();
    this.bytesReceived =
        Counter.builder("hangar.log.bytes")
            .description("build log bytes received from runners, retries not counted twice")
            .register(meters);
  }

  /** Stores the chunk; returns the offset the attempt's output continues at. */
  long append(
      AuthenticatedRunner runner,
      String runnerToken,
      String jobId,
      int attempt,
      long offset,
      byte[] chunk) {
    // The id becomes part of a key and a file name.
    if (!Ids.looksLike("build", jobId)) {
      throw BuildStore.jobNotFound();
    }
    for (int tries = 1; ; tries++) {
      LogPosition position = store.position(jobId, attempt);
      long received = position.received();
      long from = offset;
      byte[] rest = chunk;
      // A retry that overlaps what was stored: only its new end is new.
      if (from < received && from + chunk.length > received) {
        rest = Arrays.copyOfRange(chunk, (int) (received - from), chunk.length);
        from = received;
      }
      byte[] stored = new byte[0];
      String pending = "";
      if (from == received && rest.length > 0) {
        String context = "hangar-log-pending:" + jobId + ":" + attempt;
        byte[] held =
            position.pending().isEmpty() ? new byte[0] : box.open(position.pending(), context);
        SecretMask.Masked masked = secrets.mask(jobId, position, runnerToken).apply(held, rest);
        stored = masked.stored();
        pending = masked.pending().length == 0 ? "" : box.seal(masked.pending(), context);
      }
      AppendOutcome outcome =
          store.append(
              new LogAppend(
                  runner.id(), jobId, attempt, from, rest.length, received, stored, pending));
      switch (outcome) {
        case AppendOutcome.Appended appended -> {
          bytesReceived.increment(appended.received() - received);
          return appended.received();
        }
        case AppendOutcome.Gap gap -> throw gap(gap.received());
        case AppendOutcome.Stale stale -> {
          if (tries == TRIES) {
            throw gap(stale.received());
          }
        }
        case AppendOutcome.LimitReached full ->
            throw new ApiException(
                HttpStatus.CONTENT_TOO_LARGE,
                "log_limit_reached",
                "the build's log reached HANGAR_LOG_MAX_BYTES ("
                    + maxBytes
                    + " bytes) and ends with a truncation marker; no more output is kept");
        case AppendOutcome.Refused refused -> throw refusal(jobId, refused);
      }
    }
  }

  /**
   * 416 with the offset the server expects, in a {@code Range} header as GitLab's trace API gives
   * it and in the problem's {@code expected_offset}.
   */
  private static ApiException gap(long expected) {
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.RANGE, "0-" + expected);
    return new ApiException(
        HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
        "unexpected_offset",
        "the attempt's output continues at byte " + expected + "; send from there",
        headers,
        Map.of("expected_offset", expected));
  }

  private static EngineException refusal(String jobId, AppendOutcome.Refused refused) {
    String code = refused.refusal().code();
    return switch (refused.refusal()) {
      case JOB_NOT_FOUND -> BuildStore.jobNotFound();
      case NOT_YOUR_JOB -> EngineException.forbidden(code, jobId + " is not leased to this runner");
      case LEASE_LOST -> EngineException.conflict(code, refused.detail());
    };
  }
}
