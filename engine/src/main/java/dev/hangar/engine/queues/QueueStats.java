package dev.hangar.engine.queues;

import dev.hangar.engine.broker.QueueNames;
import dev.hangar.engine.classes.ClassRegistry;
import dev.hangar.engine.redis.Keys;
import dev.hangar.engine.redis.RedisClock;
import dev.hangar.engine.runners.RunnerStore;
import dev.hangar.model.Capabilities;
import dev.hangar.model.CapabilityClass;
import dev.hangar.model.Priority;
import dev.hangar.model.RunnerStatus;
import dev.hangar.model.queues.QueueView;
import dev.hangar.model.runners.RunnerView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ZSetOperations;
import org.springframework.stereotype.Component;

/**
 * Depth and age of every capability class's queue. Depth is read from the broker with a passive
 * declare (the management plugin may not be there); age from the Redis index of waiting builds.
 */
@Component
public class QueueStats {

  private final ClassRegistry classes;
  private final RabbitAdmin admin;
  private final QueueNames names;
  private final StringRedisTemplate redis;
  private final Keys keys;
  private final RunnerStore runners;
  private final RedisClock clock;

  public QueueStats(
      ClassRegistry classes,
      RabbitAdmin admin,
      QueueNames names,
      StringRedisTemplate redis,
      Keys keys,
      RunnerStore runners,
      RedisClock clock) {
    this.classes = classes;
    this.admin = admin;
    this.names = names;
    this.redis = redis;
    this.keys = keys;
    this.runners = runners;
    this.clock = clock;
  }

  public List<QueueView> queues() {
    return queues(runners.list());
  }

  /**
   * The queues, with eligible runners counted among {@code registered} (for a caller that has
   * listed them already).
   */
  public List<QueueView> queues(List<RunnerView> registered) {
    // Runners mostly share a few sets of capabilities: match each set once, not every runner per
    // class.
    Map<RunnerStatus, Map<Capabilities, Long>> byStatus =
        registered.stream()
            .collect(
                Collectors.groupingBy(
                    RunnerView::status,
                    () -> new EnumMap<>(RunnerStatus.class),
                    Collectors.groupingBy(RunnerView::capabilities, Collectors.counting())));
    long now = clock.nowMillis();
    List<QueueView> views = new ArrayList<>();
    for (CapabilityClass c : classes.all().values()) {
      String key = c.key();
      long high = ready(key, Priority.HIGH);
      long ready = high + ready(key, Priority.NORMAL);
      Long oldest = oldestQueuedAtMillis(key);
      int online = eligible(c, byStatus.get(RunnerStatus.ONLINE));
      int busy = eligible(c, byStatus.get(RunnerStatus.BUSY));
      boolean waiting = ready > 0 || oldest != null;
      views.add(
          new QueueView(
              key,
              c.platform(),
              List.copyOf(c.labels()),
              c.tools(),
              ready,
              high,
              oldest == null ? null : oldest / 1000,
              oldest == null ? null : Math.max(0, now - oldest) / 1000,
              online,
              busy,
              eligible(c, byStatus.get(RunnerStatus.DRAINING)),
              waiting && online + busy == 0));
    }
    views.sort(Comparator.comparing(QueueView::name));
    return views;
  }

  private static int eligible(CapabilityClass c, Map<Capabilities, Long> runners) {
    if (runners == null) {
      return 0;
    }
    return (int)
        runners.entrySet().stream()
            .filter(e -> c.isSatisfiedBy(e.getKey()))
            .mapToLong(Map.Entry::getValue)
            .sum();
  }

  /** Messages ready in one of a class's queues, as the broker counts them (0 for no queue). */
  public long ready(String classKey, Priority priority) {
    QueueInformation info = admin.getQueueInfo(names.queue(classKey, priority));
    return info == null ? 0 : info.getMessageCount();
  }

  /** Unix seconds when the class's oldest waiting build was queued, or null when none waits. */
  public Long oldestQueuedAt(String classKey) {
    Long millis = oldestQueuedAtMillis(classKey);
    return millis == null ? null : millis / 1000;
  }

  private Long oldestQueuedAtMillis(String classKey) {
    Set<ZSetOperations.TypedTuple<String>> oldest =
        redis.opsForZSet().rangeWithScores(keys.waiting(classKey), 0, 0);
    return oldest == null || oldest.isEmpty()
        ? null
        : oldest.iterator().next().getScore().longValue();
  }
}
