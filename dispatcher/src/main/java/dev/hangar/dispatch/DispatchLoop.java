package dev.hangar.dispatch;

import dev.hangar.engine.HangarProperties;
import dev.hangar.engine.deadletters.DeadLetterRedrive;
import dev.hangar.engine.leases.LeaseReaper;
import dev.hangar.engine.logs.LogArchive;
import dev.hangar.engine.outbox.OutboxRelay;
import dev.hangar.engine.retention.RetentionSweep;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The dispatcher's duties on timers, each on a thread of its own. Not {@code @Scheduled}: with
 * virtual threads Spring runs every fixed-delay task on one shared scheduler thread, where a slow
 * task (the gauges' refresh, with many runners) would hold up reaping and keep a lapsed build
 * waiting. A failed pass (Redis or RabbitMQ away, a full disk) is logged and tried again next time:
 * nothing is lost in between, because the lease index, the outbox, unarchived logs and the
 * retention index stay in Redis and dead letters stay in their queue.
 */
@Component
class DispatchLoop implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(DispatchLoop.class);

  private final LeaseReaper reaper;
  private final OutboxRelay relay;
  private final DeadLetterRedrive redrive;
  private final LogArchive logs;
  private final RetentionSweep retention;
  private final Duration reapInterval;
  private final Duration relayInterval;
  private final Duration logSweepInterval;
  private List<ScheduledExecutorService> timers = List.of();

  DispatchLoop(
      LeaseReaper reaper,
      OutboxRelay relay,
      DeadLetterRedrive redrive,
      LogArchive logs,
      RetentionSweep retention,
      HangarProperties properties,
      DispatcherSettings settings) {
    this.reaper = reaper;
    this.relay = relay;
    this.redrive = redrive;
    this.logs = logs;
    this.retention = retention;
    this.reapInterval = properties.reapInterval();
    this.relayInterval = settings.outboxInterval();
    this.logSweepInterval = settings.logSweepInterval();
  }

  @Override
  public synchronized void start() {
    timers =
        List.of(
            every(reapInterval, "hangar-reaper", this::reapExpiredLeases),
            every(relayInterval, "hangar-outbox-relay", this::relayOutbox),
            every(relayInterval, "hangar-dead-letters", this::redriveDeadLetters),
            every(logSweepInterval, "hangar-logs", this::sweepLogs));
  }

  @Override
  public synchronized void stop() {
    for (ScheduledExecutorService timer : timers) {
      timer.shutdown();
      try {
        timer.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    timers = List.of();
  }

  @Override
  public synchronized boolean isRunning() {
    return !timers.isEmpty();
  }

  private static ScheduledExecutorService every(Duration interval, String name, Runnable task) {
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name(name).daemon().factory());
    timer.scheduleWithFixedDelay(task, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    return timer;
  }

  private void reapExpiredLeases() {
    try {
      reaper.reap();
    } catch (RuntimeException e) {
      log.warn("reaping failed, retrying next pass: {}", e.toString());
    }
  }

  private void relayOutbox() {
    try {
      relay.relay();
    } catch (RuntimeException e) {
      log.warn("outbox relay failed, retrying next pass: {}", e.toString());
    }
  }

  private void sweepLogs() {
    try {
      logs.sweep();
      retention.sweep();
    } catch (RuntimeException e) {
      log.warn("log and retention sweep failed, retrying next pass: {}", e.toString());
    }
  }

  private void redriveDeadLetters() {
    try {
      redrive.redrive();
    } catch (RuntimeException e) {
      log.warn("dead-letter redrive failed, retrying next pass: {}", e.toString());
    }
  }
}
