package dev.hangar.dispatch;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings only the dispatcher process reads (the engine's, which both processes read, are in
 * {@code HangarProperties}).
 *
 * @param outboxInterval how often the dispatcher republishes outbox entries older than
 *     HANGAR_OUTBOX_GRACE and sends dead letters back to their queues
 * @param metricsInterval how often the queue and runner gauges are refreshed
 */
@ConfigurationProperties("hangar")
public record DispatcherSettings(
    @DefaultValue("1s") Duration outboxInterval, @DefaultValue("15s") Duration metricsInterval) {

  public DispatcherSettings {
    requireTimer("HANGAR_OUTBOX_INTERVAL", outboxInterval);
    requireTimer("HANGAR_METRICS_INTERVAL", metricsInterval);
  }

  /** A timer's delay: zero or less would spin or stop it. */
  private static void requireTimer(String variable, Duration interval) {
    if (interval.toMillis() < 10) {
      String shown =
          interval.toMillis() % 1000 == 0 ? interval.toSeconds() + "s" : interval.toMillis() + "ms";
      throw new IllegalArgumentException(
          variable + "=" + shown + " is invalid: must be at least 10ms");
    }
  }
}
