package dev.hangar.api.runners;

import dev.hangar.engine.claims.ClaimService;
import dev.hangar.engine.claims.RunnerChangedException;
import dev.hangar.engine.runners.AuthenticatedRunner;
import dev.hangar.engine.runners.RunnerCredentials;
import dev.hangar.model.runners.JobView;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * What the last authentication on this instance said about each runner token, so that a claim can
 * choose its queues without first asking Redis who the runner is: one round trip fewer on the path
 * every build takes. Nothing remembered here is trusted: {@code claim.lua} checks the token,
 * capacity, draining and capabilities revision in the round trip that records the lease, and a
 * claim that takes nothing this way authenticates in full before it answers. Only token hashes are
 * kept, never tokens.
 */
@Component
class KnownRunners {

  /**
   * Bounded the simplest way, as {@code Memo}: when full, forget everyone; they authenticate again.
   */
  static final int LIMIT = 10_000;

  private final ClaimService claims;
  private final Map<String, AuthenticatedRunner> byTokenHash = new ConcurrentHashMap<>();

  KnownRunners(ClaimService claims) {
    this.claims = claims;
  }

  /**
   * A job for a runner this instance authenticated before, if it had room and was not draining
   * then. Empty when the runner is not known here that way, nothing it may run is waiting, or it
   * changed meanwhile (it is then forgotten and the message went back to its queue).
   */
  Optional<JobView> claim(RunnerCredentials credentials) {
    AuthenticatedRunner runner = byTokenHash.get(credentials.tokenHash());
    if (runner == null
        || !runner.id().equals(credentials.pathRunnerId())
        || runner.draining()
        || runner.atCapacity()) {
      return Optional.empty();
    }
    try {
      Optional<JobView> job = claims.claim(runner);
      job.ifPresent(
          j ->
              byTokenHash.computeIfPresent(
                  runner.tokenHash(), (hash, known) -> known.withOneMoreJob()));
      return job;
    } catch (RunnerChangedException changed) {
      forget(runner);
      return Optional.empty();
    } catch (RuntimeException refused) {
      // At capacity after all (jobs claimed through another instance), or Redis away: ask afresh
      // next time.
      forget(runner);
      throw refused;
    }
  }

  /** The runner as a full authentication just found it (with the job it was then given, if any). */
  void remember(AuthenticatedRunner runner) {
    if (byTokenHash.size() >= LIMIT) {
      byTokenHash.clear();
    }
    byTokenHash.put(runner.tokenHash(), runner);
  }

  private void forget(AuthenticatedRunner runner) {
    byTokenHash.remove(runner.tokenHash());
  }
}
