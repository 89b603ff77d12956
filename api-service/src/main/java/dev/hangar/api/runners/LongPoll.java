package dev.hangar.api.runners;

import dev.hangar.engine.leases.ClaimService;
import dev.hangar.engine.runners.AuthenticatedRunner;
import dev.hangar.model.runners.JobView;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * {@code claim?wait=N}: claims now, and while nothing matches, again every {@link #RECHECK} until a
 * job comes or the wait is over. A waiting request parks a virtual thread, not a platform thread. A
 * draining runner is answered at once. A client that hangs up mid-wait may still be handed a job it
 * never receives: the job shows in that runner's heartbeat answer, and lapses with its lease if the
 * runner is gone.
 */
@Component
class LongPoll {

  static final Duration RECHECK = Duration.ofMillis(250);

  private final ClaimService claims;

  LongPoll(ClaimService claims) {
    this.claims = claims;
  }

  Optional<JobView> claim(AuthenticatedRunner runner, int waitSeconds) {
    long deadline = System.nanoTime() + Duration.ofSeconds(waitSeconds).toNanos();
    Optional<JobView> job = claims.claim(runner);
    while (job.isEmpty() && !runner.draining() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(Math.min(RECHECK.toMillis(), Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      job = claims.claim(runner);
    }
    return job;
  }
}
