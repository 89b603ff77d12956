package dev.hangar.model.stats;

import java.util.Map;

/**
 * {@code GET /v1/stats}: the whole Hangar at a glance, the same from every api-service instance.
 *
 * @param builds builds by status (every status, wire names)
 * @param claims builds handed to runners
 * @param requeues builds put back in their queues: after a lost lease (expired, runner deleted), a
 *     claim answer that could not be delivered, or a dead letter sent back
 * @param runners registered runners by derived status (every status, wire names)
 */
public record StatsView(
    Map<String, Long> builds, Window claims, Window requeues, Map<String, Long> runners) {

  /**
   * Counts over the last 60 seconds and the last hour, in 10-second steps (the current step
   * included).
   */
  public record Window(long lastMinute, long lastHour) {}
}
