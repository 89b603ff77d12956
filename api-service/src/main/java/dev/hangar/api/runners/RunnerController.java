package dev.hangar.api.runners;

import dev.hangar.api.openapi.Access;
import dev.hangar.api.openapi.ApiContract;
import dev.hangar.api.openapi.ProblemCode;
import dev.hangar.api.web.RequestBodies;
import dev.hangar.api.web.ValidationFailedException;
import dev.hangar.engine.leases.LeaseStore;
import dev.hangar.engine.runners.AuthenticatedRunner;
import dev.hangar.engine.runners.RunnerCredentials;
import dev.hangar.engine.runners.RunnerStore;
import dev.hangar.model.runners.ClaimAnswer;
import dev.hangar.model.runners.HeartbeatAnswer;
import dev.hangar.model.runners.JobView;
import dev.hangar.model.runners.RunnerView;
import dev.hangar.model.runners.StatusAnswer;
import dev.hangar.model.runners.StatusUpdate;
import dev.hangar.model.runners.UpdateRunnerRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The runner's own API, each call authorised by that runner's token. Unknown body fields are
 * ignored.
 */
@RestController
@RequestMapping("/v1/runners/{runnerId}")
class RunnerController {

  static final int MAX_WAIT_SECONDS = 30;

  private final RunnerStore runners;
  private final LeaseStore leases;
  private final ClaimWaiters waiters;
  private final KnownRunners known;
  private final RequestBodies bodies;

  RunnerController(
      RunnerStore runners,
      LeaseStore leases,
      ClaimWaiters waiters,
      KnownRunners known,
      RequestBodies bodies) {
    this.runners = runners;
    this.leases = leases;
    this.waiters = waiters;
    this.known = known;
    this.bodies = bodies;
  }

  @ApiContract(
      summary = "Rename, re-tool, drain or resume this runner",
      access = Access.RUNNER,
      body = UpdateRunnerRequest.class)
  @PatchMapping
  RunnerView update(AuthenticatedRunner runner, HttpServletRequest request) {
    return runners.update(runner.id(), bodies.fromRunner(request, UpdateRunnerRequest.class));
  }

  @ApiContract(
      summary = "Heartbeat: renews the leases of acknowledged jobs",
      access = Access.RUNNER)
  @PostMapping("/heartbeat")
  HeartbeatAnswer heartbeat(RunnerCredentials credentials) {
    return leases.heartbeat(credentials);
  }

  /**
   * 200 with a job, or 204 when nothing matches (after waiting up to {@code wait} seconds).
   * Declared {@code Object} so an answer known at once goes out directly: a {@code DeferredResult}
   * costs a second dispatch through the whole servlet stack. A job is answered with its {@link
   * ClaimAnswer} itself, so it goes out whole (see {@link dev.hangar.api.web.Answers}). A runner
   * this instance knows claims first and is authenticated by {@code claim.lua}; only when that
   * takes nothing does the claim pay a separate round trip to authenticate.
   */
  @ApiContract(
      summary = "Claim a job, waiting up to wait seconds (0-30); 204 when none",
      access = Access.RUNNER,
      answer = ClaimAnswer.class,
      emptySuccesses = 204,
      problems = {ProblemCode.VALIDATION_FAILED, ProblemCode.RUNNER_AT_CAPACITY})
  @PostMapping("/claim")
  Object claim(
      RunnerCredentials credentials, @RequestParam(name = "wait", required = false) String wait) {
    int seconds = waitSeconds(wait);
    Optional<JobView> taken = known.claim(credentials);
    if (taken.isPresent()) {
      return ClaimAnswer.of(taken.get());
    }
    AuthenticatedRunner runner = runners.authenticate(credentials);
    Optional<Object> now = waiters.answerNow(runner, seconds);
    known.remember(
        now.filter(ClaimAnswer.class::isInstance).isPresent() ? runner.withOneMoreJob() : runner);
    return now.isPresent() ? now.get() : waiters.await(runner, seconds);
  }

  @ApiContract(
      summary = "A job this runner holds (acknowledges it)",
      access = Access.RUNNER,
      problems = {ProblemCode.JOB_NOT_FOUND, ProblemCode.NOT_YOUR_JOB, ProblemCode.LEASE_LOST})
  @GetMapping("/jobs/{jobId}")
  JobView job(AuthenticatedRunner runner, @PathVariable String jobId) {
    return leases.job(runner, jobId);
  }

  @ApiContract(
      summary = "Report a job's status, renewing the lease",
      access = Access.RUNNER,
      body = StatusUpdate.class,
      problems = {
        ProblemCode.JOB_NOT_FOUND,
        ProblemCode.NOT_YOUR_JOB,
        ProblemCode.LEASE_LOST,
        ProblemCode.INVALID_TRANSITION
      })
  @PostMapping("/jobs/{jobId}/status")
  StatusAnswer status(
      AuthenticatedRunner runner, @PathVariable String jobId, HttpServletRequest request) {
    return leases.report(runner, jobId, bodies.fromRunner(request, StatusUpdate.class));
  }

  private static int waitSeconds(String wait) {
    if (wait == null || wait.isEmpty()) {
      return 0;
    }
    try {
      int seconds = Integer.parseInt(wait);
      if (seconds >= 0 && seconds <= MAX_WAIT_SECONDS) {
        return seconds;
      }
    } catch (NumberFormatException notANumber) {
      // answered below like an out-of-range value
    }
    throw ValidationFailedException.of(
        "wait", "must be a whole number of seconds from 0 to " + MAX_WAIT_SECONDS);
  }
}
