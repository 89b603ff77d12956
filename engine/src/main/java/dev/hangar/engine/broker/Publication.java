package dev.hangar.engine.broker;

import dev.hangar.model.Priority;

/**
 * A build waiting to be published, as recorded in the outbox ({@code build_id:attempt}). The
 * message carries only the id and attempt: everything else is read from Redis at claim time.
 */
public record Publication(String buildId, int attempt, String classKey, Priority priority) {

  public String outboxMember() {
    return buildId + ":" + attempt;
  }
}
