package dev.hangar.dispatch;

import dev.hangar.engine.leases.LeaseReaper;
import dev.hangar.engine.leases.OutboxRelay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The dispatcher's two duties on timers. A failed pass (Redis or RabbitMQ away) is logged and tried
 * again next time: nothing is lost in between, because the lease index and the outbox stay in Redis.
 */
@Component
class DispatchLoop {

  private static final Logger log = LoggerFactory.getLogger(DispatchLoop.class);

  private final LeaseReaper reaper;
  private final OutboxRelay relay;

  DispatchLoop(LeaseReaper reaper, OutboxRelay relay) {
    this.reaper = reaper;
    this.relay = relay;
  }

  @Scheduled(fixedDelayString = "${hangar.reap-interval:250ms}")
  void reapExpiredLeases() {
    try {
      reaper.reap();
    } catch (RuntimeException e) {
      log.warn("reaping failed, retrying next pass: {}", e.toString());
    }
  }

  @Scheduled(fixedDelayString = "${hangar.outbox-interval:1s}")
  void relayOutbox() {
    try {
      relay.relay();
    } catch (RuntimeException e) {
      log.warn("outbox relay failed, retrying next pass: {}", e.toString());
    }
  }
}
