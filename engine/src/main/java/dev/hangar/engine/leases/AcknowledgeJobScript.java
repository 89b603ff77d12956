package dev.hangar.engine.leases;

import dev.hangar.engine.redis.EngineScripts;
import dev.hangar.engine.redis.Keys;
import dev.hangar.engine.redis.LuaScript;
import dev.hangar.engine.redis.ScriptRunner;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code acknowledge_job.lua}: marks a job its runner fetched as acknowledged, so heartbeats renew
 * its lease from now on, and renews it at once.
 */
@Component
public class AcknowledgeJobScript {

  private static final LuaScript SCRIPT = EngineScripts.load("acknowledge_job");

  private final ScriptRunner scripts;
  private final Keys keys;

  public AcknowledgeJobScript(ScriptRunner scripts, Keys keys) {
    this.scripts = scripts;
    this.keys = keys;
  }

  /** Whether the runner held a live lease on the build (and so has now acknowledged it). */
  public boolean run(String runnerId, String buildId, Duration leaseTtl) {
    return scripts
        .run(
            SCRIPT,
            List.of(keys.build(buildId)),
            keys.prefix(),
            buildId,
            runnerId,
            leaseTtl.toMillis())
        .flag(0);
  }
}
