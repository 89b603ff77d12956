package dev.hangar.engine.runners;

import dev.hangar.engine.EngineException;
import dev.hangar.engine.HangarProperties;
import dev.hangar.engine.leases.LeaseReleases;
import dev.hangar.engine.signals.RunnerSignals;
import dev.hangar.engine.support.Ids;
import org.springframework.stereotype.Component;

/**
 * Unregisters a runner: token revoked and its jobs requeued now rather than when their leases
 * lapse.
 */
@Component
public class RunnerRemoval {

  private final DeleteRunnerScript deleteScript;
  private final HangarProperties properties;
  private final LeaseReleases releases;
  private final RunnerSignals signals;

  public RunnerRemoval(
      DeleteRunnerScript deleteScript,
      HangarProperties properties,
      LeaseReleases releases,
      RunnerSignals signals) {
    this.deleteScript = deleteScript;
    this.properties = properties;
    this.releases = releases;
    this.signals = signals;
  }

  public void remove(String runnerId) {
    // The id becomes part of a key: "runner_x:jobs" would make the script read a set as a hash.
    if (!Ids.looksLike("runner", runnerId)) {
      throw EngineException.notFound("runner_not_found", "no runner " + runnerId);
    }
    releases.handle(
        deleteScript
            .run(runnerId, properties.maxAttempts(), properties.retention())
            .orElseThrow(
                () -> EngineException.notFound("runner_not_found", "no runner " + runnerId)),
        "runner_deleted");
    signals.announce(runnerId);
  }
}
