package dev.hangar.engine.leases;

import dev.hangar.engine.broker.BuildPublisher;
import dev.hangar.engine.broker.Publication;
import dev.hangar.engine.logs.FinishedLogs;
import dev.hangar.engine.support.DispatchEvent;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;
import org.springframework.stereotype.Component;

/**
 * What follows a lease that ended without its runner: the requeued builds are published (their
 * outbox entries were written by the same script that ended the lease) and every ending is logged
 * with its reason, so an operator can tell why a build ran again. A build that ended (cancelled or
 * failed) has its log archived.
 */
@Component
public class LeaseReleases {

  private static final Logger log = LoggerFactory.getLogger(LeaseReleases.class);

  private final BuildPublisher publisher;
  private final MeterRegistry meters;
  private final FinishedLogs finishedLogs;

  public LeaseReleases(BuildPublisher publisher, MeterRegistry meters, FinishedLogs finishedLogs) {
    this.publisher = publisher;
    this.meters = meters;
    this.finishedLogs = finishedLogs;
  }

  public void handle(List<ReleasedLease> released, String reason) {
    for (ReleasedLease lease : released) {
      meters
          .counter(
              "hangar.leases.released",
              "reason",
              reason,
              "action",
              lease.action().name().toLowerCase(Locale.ROOT))
          .increment();
      if (lease.action() == ReleasedLease.Action.REQUEUED) {
        meters.counter("hangar.requeues", "reason", reason).increment();
      } else {
        finishedLogs.buildFinished(lease.buildId());
      }
      switch (lease.action()) {
        case REQUEUED ->
            about(log.atInfo(), lease)
                .log(
                    "requeued {} as attempt {} ({}; runner {})",
                    lease.buildId(),
                    lease.attempt(),
                    reason,
                    lease.runnerId());
        case CANCELLED ->
            about(log.atInfo(), lease)
                .log(
                    "cancelled {} at attempt {} ({} after a cancel request; runner {})",
                    lease.buildId(),
                    lease.attempt(),
                    reason,
                    lease.runnerId());
        case FAILED ->
            about(log.atWarn(), lease)
                .log(
                    "failed {} after {} attempts: lease_expired_max_attempts ({}; runner {})",
                    lease.buildId(),
                    lease.attempt(),
                    reason,
                    lease.runnerId());
      }
    }
    List<Publication> publications =
        released.stream().map(ReleasedLease::publication).flatMap(Optional::stream).toList();
    if (!publications.isEmpty()) {
      publisher.publish(publications);
    }
  }

  private static LoggingEventBuilder about(LoggingEventBuilder event, ReleasedLease lease) {
    return DispatchEvent.about(event, lease.buildId(), lease.runnerId(), lease.attempt());
  }
}
