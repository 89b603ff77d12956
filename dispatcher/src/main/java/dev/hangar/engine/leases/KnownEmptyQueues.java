package dev.hangar.engine.leases;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Queues this instance found empty, so a claim does not pay a broker round trip to learn it again.
 * An emptiness observation stops counting once a work signal names the queue's class after the
 * observation began, or after {@link #TRUST_NANOS} at the latest, so a lost signal cannot hide a
 * waiting build for longer than that. Observations carry the time the look began, not ended: a
 * signal that races with the look always wins.
 */
@Component
public class KnownEmptyQueues {

  static final long TRUST_NANOS = 1_000_000_000L;

  private final Map<String, Long> emptyAt = new ConcurrentHashMap<>();
  private final Map<String, Long> signalledAt = new ConcurrentHashMap<>();

  public static long now() {
    return System.nanoTime();
  }

  public boolean isKnownEmpty(String classKey, String queue) {
    Long observed = emptyAt.get(queue);
    if (observed == null || now() - observed > TRUST_NANOS) {
      return false;
    }
    Long signalled = signalledAt.get(classKey);
    return signalled == null || signalled - observed < 0;
  }

  /** The queue had nothing when a look that began at {@code lookBeganNanos} reached it. */
  public void markEmpty(String queue, long lookBeganNanos) {
    emptyAt.put(queue, lookBeganNanos);
  }

  /** Work arrived in this class: its queues must be looked at again. */
  public void workArrived(String classKey) {
    signalledAt.put(classKey, now());
  }
}
