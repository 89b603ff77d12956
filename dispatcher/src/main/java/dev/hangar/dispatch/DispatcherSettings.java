package dev.hangar.dispatch;

import static dev.hangar.engine.startup.SettingCheck.requireTimer;

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
 * @param logSweepInterval how often the dispatcher archives finished builds' logs left in Redis
 *     (the instance that saw the build end does so at once, unless it died) and deletes the logs
 *     and artifacts of builds past their retention
 */
@ConfigurationProperties("hangar")
public record DispatcherSettings(
    @DefaultValue("1s") Duration outboxInterval,
    @DefaultValue("15s") Duration metricsInterval,
    @DefaultValue("10s") Duration logSweepInterval) {

  public DispatcherSettings {
    requireTimer("HANGAR_OUTBOX_INTERVAL", outboxInterval);
    requireTimer("HANGAR_METRICS_INTERVAL", metricsInterval);
    requireTimer("HANGAR_LOG_SWEEP_INTERVAL", logSweepInterval);
  }
}
