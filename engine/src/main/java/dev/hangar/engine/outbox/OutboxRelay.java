package dev.hangar.engine.outbox;

import dev.hangar.engine.HangarProperties;
import dev.hangar.engine.broker.BuildPublisher;
import dev.hangar.engine.broker.Publication;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Republishes outbox entries that their writer left behind (crash between record and publish, or
 * the broker was down). Entries younger than the grace period are left to their writer.
 */
@Component
public class OutboxRelay {

  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
  private static final int BATCH = 500;

  private final OutboxDueScript dueScript;
  private final HangarProperties properties;
  private final BuildPublisher publisher;

  public OutboxRelay(
      OutboxDueScript dueScript, HangarProperties properties, BuildPublisher publisher) {
    this.dueScript = dueScript;
    this.properties = properties;
    this.publisher = publisher;
  }

  /** Returns how many entries were republished and confirmed. */
  public int relay() {
    List<Publication> publications = dueScript.run(properties.outboxGrace(), BATCH);
    if (publications.isEmpty()) {
      return 0;
    }
    int confirmed = publisher.publish(publications);
    log.info("republished {} of {} outbox entries", confirmed, publications.size());
    return confirmed;
  }
}
