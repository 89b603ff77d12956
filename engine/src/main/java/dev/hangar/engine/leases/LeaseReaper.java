package dev.hangar.engine.leases;

import dev.hangar.engine.HangarProperties;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * One reaping pass: ends every lease past its deadline, batch by batch, until none is due. Safe to
 * run from several dispatchers at once because each batch is one script that re-checks every lease.
 */
@Component
public class LeaseReaper {

  private final ReapScript reapScript;
  private final HangarProperties properties;
  private final LeaseReleases releases;

  public LeaseReaper(ReapScript reapScript, HangarProperties properties, LeaseReleases releases) {
    this.reapScript = reapScript;
    this.properties = properties;
    this.releases = releases;
  }

  /** Returns how many leases this pass ended. */
  public int reap() {
    int total = 0;
    while (true) {
      List<ReleasedLease> batch =
          reapScript.run(properties.reapBatch(), properties.maxAttempts(), properties.retention());
      releases.handle(batch, "lease_expired");
      total += batch.size();
      if (batch.size() < properties.reapBatch()) {
        return total;
      }
    }
  }
}
