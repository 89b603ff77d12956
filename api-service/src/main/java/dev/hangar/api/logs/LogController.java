package dev.hangar.api.logs;

import dev.hangar.api.auth.BearerToken;
import dev.hangar.api.auth.User;
import dev.hangar.api.openapi.Access;
import dev.hangar.api.openapi.ApiContract;
import dev.hangar.api.openapi.ProblemCode;
import dev.hangar.api.web.ApiException;
import dev.hangar.api.web.AttemptParameter;
import dev.hangar.engine.EngineException;
import dev.hangar.engine.builds.BuildRecord;
import dev.hangar.engine.builds.BuildStore;
import dev.hangar.engine.logs.LogSlice;
import dev.hangar.engine.logs.LogStore;
import dev.hangar.engine.runners.AuthenticatedRunner;
import dev.hangar.engine.support.Tokens;
import dev.hangar.model.logs.LogAppendAnswer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Build logs (docs/logs.md): the runner holding a job appends its output in chunks; people read a
 * build's log from any byte offset, or follow it live as Server-Sent Events until the build ends.
 */
@RestController
class LogController {

  /** The next byte offset to read from, after the bytes of this answer. */
  static final String NEXT_OFFSET = "Hangar-Next-Offset";

  /** {@code true} once the log is final: nothing will be added after the next offset. */
  static final String COMPLETE = "Hangar-Log-Complete";

  private final LogIngest ingest;
  private final LogStore store;
  private final BuildStore builds;
  private final LogFollowers followers;

  LogController(LogIngest ingest, LogStore store, BuildStore builds, LogFollowers followers) {
    this.ingest = ingest;
    this.store = store;
    this.builds = builds;
    this.followers = followers;
  }

  @ApiContract(
      summary = "Append a chunk of a job's log at offset",
      access = Access.RUNNER,
      rawBody = {"application/octet-stream", "text/plain"},
      problems = {
        ProblemCode.VALIDATION_FAILED,
        ProblemCode.JOB_NOT_FOUND,
        ProblemCode.NOT_YOUR_JOB,
        ProblemCode.LEASE_LOST,
        ProblemCode.LOG_LIMIT_REACHED,
        ProblemCode.UNEXPECTED_OFFSET
      })
  @PostMapping("/v1/runners/{runnerId}/jobs/{jobId}/logs")
  LogAppendAnswer append(
      AuthenticatedRunner runner,
      @PathVariable String jobId,
      @RequestParam(name = "attempt", required = false) String attempt,
      @RequestParam(name = "offset", required = false) String offset,
      HttpServletRequest request) {
    int named = AttemptParameter.required(attempt);
    long from = LogQuery.chunkOffset(offset);
    byte[] chunk = LogChunks.read(request);
    String token = BearerToken.of(request, Tokens.RUNNER);
    return new LogAppendAnswer(ingest.append(runner, token, jobId, named, from, chunk));
  }

  /**
   * The log from {@code offset} as it is now, as text; where to go on from and whether the log is
   * final are in headers, so {@code curl} prints the log itself.
   */
  @ApiContract(
      summary = "A build's log from offset, as text",
      access = Access.USER,
      problems = {
        ProblemCode.VALIDATION_FAILED,
        ProblemCode.BUILD_NOT_FOUND,
        ProblemCode.OFFSET_BEYOND_END,
        ProblemCode.LOG_EXPIRED
      })
  @GetMapping("/v1/builds/{buildId}/logs")
  byte[] read(
      User user,
      @PathVariable String buildId,
      @RequestParam(name = "offset", required = false) String offset,
      HttpServletResponse response) {
    BuildRecord build = requireKeptLog(buildId);
    long from = LogQuery.offset("offset", offset);
    LogSlice log = store.read(buildId, from, Integer.MAX_VALUE);
    requireWithin(from, log);
    response.setHeader(NEXT_OFFSET, Long.toString(log.next()));
    response.setHeader(
        COMPLETE,
        Boolean.toString(log.complete() || (!log.found() && build.status().isTerminal())));
    response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    // Set before the body is written, so Spring MVC keeps it whatever the client accepts.
    response.setContentType("text/plain;charset=UTF-8");
    return log.bytes();
  }

  /**
   * The log as Server-Sent Events from the start, or from the byte offset {@code Last-Event-ID}
   * names, live until the build ends; then an {@code end} event with the build's status.
   */
  @ApiContract(
      summary = "A build's log as Server-Sent Events until it ends",
      access = Access.USER,
      problems = {
        ProblemCode.VALIDATION_FAILED,
        ProblemCode.BUILD_NOT_FOUND,
        ProblemCode.OFFSET_BEYOND_END,
        ProblemCode.LOG_EXPIRED
      })
  @GetMapping("/v1/builds/{buildId}/logs/stream")
  SseEmitter stream(
      User user,
      @PathVariable String buildId,
      @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
      HttpServletResponse response) {
    requireKeptLog(buildId);
    long from = LogQuery.offset("Last-Event-ID", lastEventId);
    requireWithin(from, store.read(buildId, from, 0));
    response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    // nginx (docker-compose.yml) would otherwise hold events back in its buffer.
    response.setHeader("X-Accel-Buffering", "no");
    return followers.follow(buildId, from);
  }

  /** The build, unless retention has deleted its log: then 410, rather than an empty log. */
  private BuildRecord requireKeptLog(String buildId) {
    BuildRecord build =
        builds
            .record(buildId)
            .orElseThrow(() -> EngineException.notFound("build_not_found", "no build " + buildId));
    build
        .dataExpiredAt()
        .ifPresent(
            at -> {
              throw new ApiException(
                  HttpStatus.GONE,
                  "log_expired",
                  "the log of "
                      + buildId
                      + " was deleted at "
                      + Instant.ofEpochSecond(at)
                      + ", at the end of its project's retention");
            });
    return build;
  }

  private static void requireWithin(long from, LogSlice log) {
    if (from > log.length()) {
      HttpHeaders headers = new HttpHeaders();
      headers.set(HttpHeaders.CONTENT_RANGE, "bytes */" + log.length());
      throw new ApiException(
          HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
          "offset_beyond_end",
          "the log is " + log.length() + " bytes long; read from an offset up to that",
          headers,
          Map.of());
    }
  }
}
