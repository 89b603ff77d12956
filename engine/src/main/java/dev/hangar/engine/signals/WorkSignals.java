package dev.hangar.engine.signals;

import dev.hangar.engine.HangarProperties;
import java.util.Collection;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * "Work available in class K", broadcast to every api-service instance over Redis pub/sub once the
 * broker has confirmed a publish, so runners waiting in a long-poll anywhere are woken at once.
 * Pub/sub is fire-and-forget: waiters also recheck on a timer, so a lost signal delays a build by
 * at most that period and never strands it.
 */
@Component
public class WorkSignals {

  private final AnnounceScript announceScript;
  private final String channel;

  public WorkSignals(AnnounceScript announceScript, HangarProperties properties) {
    this.announceScript = announceScript;
    this.channel = channel(properties.namespace());
  }

  public static String channel(String namespace) {
    return namespace + ":work-available";
  }

  public String channel() {
    return channel;
  }

  /** Announces the classes in one round trip. */
  public void announce(Collection<String> classKeys) {
    Set<String> distinct = Set.copyOf(classKeys);
    if (distinct.isEmpty()) {
      return;
    }
    announceScript.run(channel, distinct);
  }
}
