package dev.hangar.engine.leases;

import dev.hangar.engine.HangarProperties;
import dev.hangar.engine.redis.EngineScripts;
import dev.hangar.engine.redis.Keys;
import dev.hangar.engine.redis.LuaScript;
import dev.hangar.engine.redis.Scripts;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * One reaping pass: ends every lease past its deadline, batch by batch, until none is due. Safe to
 * run from several dispatchers at once because each batch is one script that re-checks every lease.
 */
@Component
public class LeaseReaper {

  private static final LuaScript REAP = EngineScripts.load("reap");

  private final Scripts scripts;
  private final Keys keys;
  private final HangarProperties properties;
  private final LeaseReleases releases;

  public LeaseReaper(
      Scripts scripts, Keys keys, HangarProperties properties, LeaseReleases releases) {
    this.scripts = scripts;
    this.keys = keys;
    this.properties = properties;
    this.releases = releases;
  }

  /** Returns how many leases this pass ended. */
  public int reap() {
    int total = 0;
    while (true) {
      List<ReleasedLease> batch =
          ReleasedLease.parse(
              scripts.run(
                  REAP,
                  keys.of(keys.leases()),
                  keys.prefix(),
                  properties.reapBatch(),
                  properties.maxAttempts()));
      releases.handle(batch, "lease_expired");
      total += batch.size();
      if (batch.size() < properties.reapBatch()) {
        return total;
      }
    }
  }
}
