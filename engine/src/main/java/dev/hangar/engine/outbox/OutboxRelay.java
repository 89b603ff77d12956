package dev.hangar.engine.outbox;

import dev.hangar.engine.HangarProperties;
import dev.hangar.engine.broker.BuildPublisher;
import dev.hangar.engine.broker.Publication;
import dev.hangar.engine.redis.EngineScripts;
import dev.hangar.engine.redis.Keys;
import dev.hangar.engine.redis.LuaScript;
import dev.hangar.engine.redis.Scripts;
import dev.hangar.model.Priority;
import java.util.ArrayList;
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

  private static final LuaScript OUTBOX_DUE = EngineScripts.load("outbox_due");

  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
  private static final int BATCH = 500;

  private final Scripts scripts;
  private final Keys keys;
  private final HangarProperties properties;
  private final BuildPublisher publisher;

  public OutboxRelay(
      Scripts scripts, Keys keys, HangarProperties properties, BuildPublisher publisher) {
    this.scripts = scripts;
    this.keys = keys;
    this.properties = properties;
    this.publisher = publisher;
  }

  /** Returns how many entries were republished and confirmed. */
  public int relay() {
    List<Object> due =
        scripts.run(
            OUTBOX_DUE,
            keys.of(keys.outbox()),
            keys.prefix(),
            properties.outboxGrace().toMillis(),
            BATCH);
    List<Publication> publications = new ArrayList<>();
    for (int i = 0; i + 4 < due.size(); i += 5) {
      publications.add(
          new Publication(
              (String) due.get(i + 1),
              Integer.parseInt((String) due.get(i + 2)),
              (String) due.get(i + 3),
              Priority.fromWire((String) due.get(i + 4))));
    }
    if (publications.isEmpty()) {
      return 0;
    }
    int confirmed = publisher.publish(publications);
    log.info("republished {} of {} outbox entries", confirmed, publications.size());
    return confirmed;
  }
}
