package dev.hangar.dispatch;

import dev.hangar.engine.builds.BuildCounts;
import dev.hangar.engine.classes.ClassRegistry;
import dev.hangar.engine.queues.QueueStats;
import dev.hangar.engine.redis.RedisClock;
import dev.hangar.engine.runners.RunnerStore;
import dev.hangar.model.Priority;
import dev.hangar.model.RunnerStatus;
import dev.hangar.model.runners.RunnerView;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Gauges of shared state for /actuator/prometheus: ready builds per queue, the oldest wait per
 * class, runners and builds by status. Only the dispatcher exports them, so a sum over the
 * instances of a scrape job is not doubled by the api-services. Taken on a timer rather than on
 * every scrape, so a scrape costs no broker or Redis round trips.
 */
@Component
class QueueMetrics implements SchedulingConfigurer {

  private static final Logger log = LoggerFactory.getLogger(QueueMetrics.class);

  private final QueueStats stats;
  private final ClassRegistry classes;
  private final RunnerStore runners;
  private final BuildCounts builds;
  private final RedisClock clock;
  private final LiveGauge ready;
  private final LiveGauge oldestAge;
  private final LiveGauge runnersByStatus;
  private final LiveGauge buildsByStatus;
  private final Duration interval;

  QueueMetrics(
      QueueStats stats,
      ClassRegistry classes,
      RunnerStore runners,
      BuildCounts builds,
      RedisClock clock,
      MeterRegistry meters,
      DispatcherSettings settings) {
    this.stats = stats;
    this.classes = classes;
    this.runners = runners;
    this.builds = builds;
    this.clock = clock;
    this.interval = settings.metricsInterval();
    this.ready =
        new LiveGauge(
            MultiGauge.builder("hangar.queue.ready")
                .description("builds ready in the broker, per capability class and priority")
                .register(meters));
    this.oldestAge =
        new LiveGauge(
            MultiGauge.builder("hangar.queue.oldest.age")
                .baseUnit("seconds")
                .description("how long the oldest queued build of a capability class has waited")
                .register(meters));
    this.runnersByStatus =
        new LiveGauge(
            MultiGauge.builder("hangar.runners")
                .description("registered runners by derived status")
                .register(meters));
    this.buildsByStatus =
        new LiveGauge(
            MultiGauge.builder("hangar.builds").description("builds by status").register(meters));
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar tasks) {
    tasks.addFixedDelayTask(this::refresh, interval);
  }

  void refresh() {
    try {
      long nowSeconds = clock.nowMillis() / 1000;
      Map<Tags, Number> readyRows = new HashMap<>();
      Map<Tags, Number> ageRows = new HashMap<>();
      for (String classKey : classes.all().keySet()) {
        for (Priority priority : Priority.values()) {
          readyRows.put(
              Tags.of("class", classKey, "priority", priority.wire()),
              stats.ready(classKey, priority));
        }
        Long oldest = stats.oldestQueuedAt(classKey);
        ageRows.put(Tags.of("class", classKey), oldest == null ? 0 : nowSeconds - oldest);
      }
      ready.show(readyRows);
      oldestAge.show(ageRows);
      Map<RunnerStatus, Long> counts =
          runners.list().stream()
              .collect(Collectors.groupingBy(RunnerView::status, Collectors.counting()));
      runnersByStatus.show(
          Arrays.stream(RunnerStatus.values())
              .collect(
                  Collectors.toMap(
                      s -> Tags.of("status", s.wire()), s -> counts.getOrDefault(s, 0L))));
      buildsByStatus.show(
          builds.byStatus().entrySet().stream()
              .collect(
                  Collectors.toMap(e -> Tags.of("status", e.getKey().wire()), e -> e.getValue())));
    } catch (RuntimeException e) {
      log.warn("queue metrics not refreshed: {}", e.toString());
    }
  }

  /**
   * A multi-gauge whose rows read the latest figures. Registering new rows over old ones would
   * remove each meter and add it again, and a scrape in between would miss it; here a row stays
   * registered while it is reported and only its figure changes.
   */
  private static final class LiveGauge {

    private final MultiGauge gauge;
    private final Map<Tags, Number> latest = new ConcurrentHashMap<>();

    LiveGauge(MultiGauge gauge) {
      this.gauge = gauge;
    }

    void show(Map<Tags, ? extends Number> figures) {
      latest.putAll(figures);
      latest.keySet().retainAll(figures.keySet());
      gauge.register(
          figures.keySet().stream()
              .<MultiGauge.Row<?>>map(
                  tags ->
                      MultiGauge.Row.of(tags, latest, m -> m.getOrDefault(tags, 0).doubleValue()))
              .toList(),
          false);
    }
  }
}
