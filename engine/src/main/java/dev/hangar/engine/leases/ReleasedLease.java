package dev.hangar.engine.leases;

import dev.hangar.engine.broker.Publication;
import dev.hangar.model.Priority;
import java.util.ArrayList;
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

  /** Reads the flat six-field groups that {@code release_lease} in {@code _lib.lua} appends. */
  public static List<ReleasedLease> parse(List<Object> flat) {
    List<ReleasedLease> released = new ArrayList<>();
    for (int i = 0; i + 5 < flat.size(); i += 6) {
      released.add(
          new ReleasedLease(
              (String) flat.get(i),
              Action.valueOf(((String) flat.get(i + 1)).toUpperCase(Locale.ROOT)),
              ((Long) flat.get(i + 2)).intValue(),
              (String) flat.get(i + 3),
              (String) flat.get(i + 4),
              Priority.fromWire((String) flat.get(i + 5))));
    }
    return released;
  }
}
