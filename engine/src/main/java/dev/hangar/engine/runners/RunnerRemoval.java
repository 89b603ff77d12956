package dev.hangar.engine.runners;

import dev.hangar.engine.EngineException;
import dev.hangar.engine.HangarProperties;
import dev.hangar.engine.leases.LeaseReleases;
import dev.hangar.engine.leases.ReleasedLease;
import dev.hangar.engine.redis.EngineScripts;
import dev.hangar.engine.redis.Keys;
import dev.hangar.engine.redis.LuaScript;
import dev.hangar.engine.redis.Reply;
import dev.hangar.engine.redis.Scripts;
import dev.hangar.engine.support.Ids;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Unregisters a runner: token revoked and its jobs requeued now rather than when their leases
 * lapse.
 */
@Component
public class RunnerRemoval {

  private static final LuaScript DELETE_RUNNER = EngineScripts.load("delete_runner");

  private final Scripts scripts;
  private final Keys keys;
  private final HangarProperties properties;
  private final LeaseReleases releases;

  public RunnerRemoval(
      Scripts scripts, Keys keys, HangarProperties properties, LeaseReleases releases) {
    this.scripts = scripts;
    this.keys = keys;
    this.properties = properties;
    this.releases = releases;
  }

  public void remove(String runnerId) {
    // The id becomes part of a key: "runner_x:jobs" would make the script read a set as a hash.
    if (!Ids.looksLike("runner", runnerId)) {
      throw EngineException.notFound("runner_not_found", "no runner " + runnerId);
    }
    List<Object> released =
        scripts.run(
            DELETE_RUNNER,
            keys.of(keys.runner(runnerId), keys.runnerJobs(runnerId), keys.runners()),
            keys.prefix(),
            runnerId,
            properties.maxAttempts());
    if (released == null) {
      throw EngineException.notFound("runner_not_found", "no runner " + runnerId);
    }
    releases.handle(ReleasedLease.readAll(new Reply(released)), "runner_deleted");
  }
}
