package dev.hangar.engine.claims;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.springframework.beans.factory.annotation.Autowired;
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

  private final LongSupplier clock;
  private final Map<String, Long> emptyAt = new ConcurrentHashMap<>();
  private final Map<String, Long> signalledAt = new ConcurrentHashMap<>();

  @Autowired
  public KnownEmptyQueues() {
    this(System::nanoTime);
  }

  KnownEmptyQueues(LongSupplier clock) {
    this.clock = clock;
  }

  public long now() {
    return clock.getAsLong();
  }

  /**
   * Whether a claim should skip this queue. Once an observation has outlived its trust, the first
   * claim to ask looks again and the others go on skipping the queue until that look is done:
   * otherwise every claim under way would look at every eligible queue at the moment the
   * observations expire, a burst of empty {@code basic.get}s per instance that grows with the
   * number of classes.
   */
  public boolean isKnownEmpty(String classKey, String queue) {
    Long observed = emptyAt.get(queue);
    if (observed == null) {
      return false;
    }
    Long signalled = signalledAt.get(classKey);
    if (signalled != null && signalled - observed >= 0) {
      return false;
    }
    long now = now();
    if (now - observed <= TRUST_NANOS) {
      return true;
    }
    // The claim that wins this swap looks again; until it reports, its look stands for the queue.
    return !emptyAt.replace(queue, observed, now);
  }

  /** The queue had nothing when a look that began at {@code lookBeganNanos} reached it. */
  public void markEmpty(String queue, long lookBeganNanos) {
    emptyAt.put(queue, lookBeganNanos);
  }

  /** A look found a message: no claim may skip the queue on the strength of an earlier look. */
  public void foundWork(String queue) {
    emptyAt.remove(queue);
  }

  /** Work arrived in this class: its queues must be looked at again. */
  public void workArrived(String classKey) {
    signalledAt.put(classKey, now());
  }
}
