package dev.hangar.engine.support;

import org.slf4j.spi.LoggingEventBuilder;

/**
 * What a dispatch event (a claim, a report, a lease expiry, a requeue, a cancel) is about, as
 * key-value pairs on its log line: the JSON log format (HANGAR_LOG_FORMAT=json) makes them fields,
 * so an operator can follow one build or runner; the text format shows the message, which names
 * them too.
 */
public final class DispatchEvent {

  private DispatchEvent() {}

  /** {@code event} with build_id, attempt and, when there is one, runner_id. */
  public static LoggingEventBuilder about(
      LoggingEventBuilder event, String buildId, String runnerId, int attempt) {
    LoggingEventBuilder about =
        event.addKeyValue("build_id", buildId).addKeyValue("attempt", attempt);
    return runnerId == null || runnerId.isEmpty()
        ? about
        : about.addKeyValue("runner_id", runnerId);
  }
}
