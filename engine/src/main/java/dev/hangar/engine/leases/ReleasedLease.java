package dev.hangar.engine.leases;

import dev.hangar.engine.broker.Publication;
import dev.hangar.engine.redis.Reply;
import dev.hangar.model.Priority;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A lease that ended without its runner's word (expired, or the runner was deleted), and what
 * became of the build: requeued under a new attempt, cancelled (a cancel had been requested) or
 * failed (no attempts left).
 */
public record ReleasedLease(
    String buildId,
    Action action,
    int attempt,
    String runnerId,
    String classKey,
    Priority priority) {

  public enum Action {
    REQUEUED,
    CANCELLED,
    FAILED
  }

  /** Only a requeue needs a publish. */
  public Optional<Publication> publication() {
    return action == Action.REQUEUED
        ? Optional.of(new Publication(buildId, attempt, classKey, priority))
        : Optional.empty();
  }

  /**
   * Reads what {@code release_lease} in the engine's library appends for each lease it ends: six
   * fields per lease.
   */
  public static List<ReleasedLease> readAll(Reply reply) {
    return reply.groups(0, 6).stream()
        .map(
            lease ->
                new ReleasedLease(
                    lease.text(0),
                    Action.valueOf(lease.text(1).toUpperCase(Locale.ROOT)),
                    (int) lease.number(2),
                    lease.text(3),
                    lease.text(4),
                    Priority.fromWire(lease.text(5))))
        .toList();
  }
}
