package dev.hangar.engine.leases;

import dev.hangar.engine.HangarProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
  private final Counter expirations;

  public LeaseReaper(
      ReapScript reapScript,
      HangarProperties properties,
      LeaseReleases releases,
      MeterRegistry meters) {
    this.reapScript = reapScript;
    this.properties = properties;
    this.releases = releases;
    this.expirations =
        Counter.builder("hangar.lease.expirations")
            .description("leases that ran out without their runner, whatever followed")
            .register(meters);
  }

  /** Returns how many leases this pass ended. */
  public int reap() {
    int total = 0;
    while (true) {
      List<ReleasedLease> batch =
          reapScript.run(properties.reapBatch(), properties.maxAttempts(), properties.retention());
      expirations.increment(batch.size());
      releases.handle(batch, "lease_expired");
      total += batch.size();
      if (batch.size() < properties.reapBatch()) {
        return total;
      }
    }
  }
}
