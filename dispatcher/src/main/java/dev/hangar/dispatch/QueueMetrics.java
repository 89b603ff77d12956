package dev.hangar.dispatch;

import dev.hangar.engine.queues.QueueStats;
import dev.hangar.engine.redis.RedisClock;
import dev.hangar.engine.runners.RunnerStore;
import dev.hangar.model.RunnerStatus;
import dev.hangar.model.queues.QueueView;
import dev.hangar.model.runners.RunnerView;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Gauges for /actuator/prometheus: ready builds and oldest wait per queue, runners by status. Taken
 * by the dispatcher on a timer rather than on every scrape, so a scrape costs no broker round
 * trips.
 */
@Component
class QueueMetrics implements SchedulingConfigurer {

  private static final Logger log = LoggerFactory.getLogger(QueueMetrics.class);

  private final QueueStats stats;
  private final RunnerStore runners;
  private final RedisClock clock;
  private final MultiGauge ready;
  private final MultiGauge oldestAge;
  private final MultiGauge byStatus;
  private final Duration interval;

  QueueMetrics(
      QueueStats stats,
      RunnerStore runners,
      RedisClock clock,
      MeterRegistry meters,
      DispatcherSettings settings) {
    this.stats = stats;
    this.runners = runners;
    this.clock = clock;
    this.interval = settings.metricsInterval();
    this.ready =
        MultiGauge.builder("hangar.queue.ready")
            .description("builds ready in the broker, both priorities")
            .register(meters);
    this.oldestAge =
        MultiGauge.builder("hangar.queue.oldest.age")
            .baseUnit("seconds")
            .description("how long the oldest queued build has waited")
            .register(meters);
    this.byStatus =
        MultiGauge.builder("hangar.runners")
            .description("registered runners by derived status")
            .register(meters);
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar tasks) {
    tasks.addFixedDelayTask(this::refresh, interval);
  }

  void refresh() {
    try {
      List<RunnerView> registered = runners.list();
      List<QueueView> queues = stats.queues(registered);
      long nowSeconds = clock.nowMillis() / 1000;
      ready.register(
          queues.stream()
              .map(q -> MultiGauge.Row.of(Tags.of("queue", q.name()), q.ready()))
              .toList(),
          true);
      oldestAge.register(
          queues.stream()
              .map(
                  q ->
                      MultiGauge.Row.of(
                          Tags.of("queue", q.name()),
                          q.oldestQueuedAt() == null ? 0 : nowSeconds - q.oldestQueuedAt()))
              .toList(),
          true);
      Map<RunnerStatus, Long> counts =
          registered.stream()
              .collect(Collectors.groupingBy(RunnerView::status, Collectors.counting()));
      byStatus.register(
          Arrays.stream(RunnerStatus.values())
              .map(s -> MultiGauge.Row.of(Tags.of("status", s.wire()), counts.getOrDefault(s, 0L)))
              .toList(),
          true);
    } catch (RuntimeException e) {
      log.warn("queue metrics not refreshed: {}", e.toString());
    }
  }
}
