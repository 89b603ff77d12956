package dev.hangar.api.runners;

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

  @PatchMapping
  RunnerView update(AuthenticatedRunner runner, HttpServletRequest request) {
    return runners.update(runner.id(), bodies.fromRunner(request, UpdateRunnerRequest.class));
  }

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

  @GetMapping("/jobs/{jobId}")
  JobView job(AuthenticatedRunner runner, @PathVariable String jobId) {
    return leases.job(runner, jobId);
  }

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
