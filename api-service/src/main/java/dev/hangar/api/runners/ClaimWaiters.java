package dev.hangar.api.runners;

import dev.hangar.api.ApiSettings;
import dev.hangar.engine.EngineException;
import dev.hangar.engine.claims.ClaimService;
import dev.hangar.engine.claims.RunnerChangedException;
import dev.hangar.engine.classes.ClassRegistry;
import dev.hangar.engine.runners.AuthenticatedRunner;
import dev.hangar.model.CapabilityClass;
import dev.hangar.model.runners.ClaimAnswer;
import dev.hangar.model.runners.JobView;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.ResponseEntity;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * Runners waiting in {@code claim?wait=N}. A waiting request holds no thread: it is a {@link
 * DeferredResult} filed under every capability class the runner may take. A work signal for a class
 * serves its waiters longest-waiting first until the class runs dry; a signal for a class this
 * instance does not know yet makes it learn the class, and a class that enters this instance's list
 * (learnt, read, or created here) has the waiters that may take it filed under it and served. A
 * timer reads the class list and serves every class with waiters every HANGAR_CLAIM_RECHECK, so a
 * lost signal delays work by at most that. A claim made for a waiter whose answer can no longer be
 * delivered (its wait ended in that instant, or it went away) is given back to the queue, never
 * swallowed.
 */
@Component
public class ClaimWaiters implements SchedulingConfigurer, SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ClaimWaiters.class);

  private final ClaimService claims;
  private final ClassRegistry classes;
  private final Map<String, Queue<Waiter>> byClass = new ConcurrentHashMap<>();
  private final Queue<Waiter> all = new ConcurrentLinkedQueue<>();
  private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
  private final Duration recheckEvery;
  private volatile boolean running;

  public ClaimWaiters(
      ClaimService claims, ClassRegistry classes, MeterRegistry meters, ApiSettings settings) {
    this.claims = claims;
    this.classes = classes;
    this.recheckEvery = settings.claimRecheck();
    meters.gauge("hangar.claims.waiting", this, ClaimWaiters::waiting);
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar tasks) {
    tasks.addFixedDelayTask(this::recheck, recheckEvery);
  }

  /** Runners waiting on this instance right now. */
  public int waiting() {
    return (int) all.stream().filter(w -> !w.isOver()).count();
  }

  /**
   * 204, the answer when no job is handed out. A job is answered with its {@link ClaimAnswer}
   * itself, not a {@code ResponseEntity}, so it goes out whole (see {@link
   * dev.hangar.api.web.Answers}).
   */
  static ResponseEntity<Void> noJob() {
    return ResponseEntity.noContent().build();
  }

  /**
   * The answer when it is due at once: a {@link ClaimAnswer}, or {@link #noJob()} when the runner
   * may not wait (no {@code wait}, or draining). Empty when the runner should {@link #await} one.
   */
  Optional<Object> answerNow(AuthenticatedRunner runner, int waitSeconds) {
    Optional<JobView> job = claimOrNothing(runner);
    if (job.isPresent() || waitSeconds == 0 || runner.draining()) {
      return Optional.of(job.<Object>map(ClaimAnswer::of).orElseGet(ClaimWaiters::noJob));
    }
    return Optional.empty();
  }

  /**
   * The first job that comes within {@code waitSeconds} (its {@link ClaimAnswer}), else {@link
   * #noJob()}; the request holds no thread meanwhile.
   */
  DeferredResult<Object> await(AuthenticatedRunner runner, int waitSeconds) {
    DeferredResult<Object> answer = new DeferredResult<>(waitSeconds * 1000L, (Object) noJob());
    Waiter waiter = new Waiter(runner, answer);
    // Into all first, eligibility second: a class entering the list meanwhile reaches the waiter
    // one way or the other. The registry bumps its generation and then calls classAdded, which
    // reads all. If that read missed the waiter, the waiter entered all after it, so after the
    // bump: eligible below cannot use an answer worked out before the bump, and sees the class.
    // Otherwise adopt files it.
    all.add(waiter);
    if (!running) {
      // Shutting down: stop() has answered every waiter it found; this one came after.
      answer.setResult(noJob());
      return answer;
    }
    classes.eligible(runner.capabilities()).forEach(c -> queueOf(c.key()).add(waiter));
    // Work published between the first look and filing the waiter signalled nobody: look once more.
    workers.submit(() -> serve(waiter));
    return answer;
  }

  private Optional<JobView> claimOrNothing(AuthenticatedRunner runner) {
    try {
      return claims.claim(runner);
    } catch (RunnerChangedException changed) {
      return Optional.empty();
    }
  }

  /**
   * Work arrived in a class: serve its waiters until one finds nothing. Called for every message
   * RabbitMQ pushes to this instance, so with no runner waiting here it costs nothing. A class this
   * instance does not know yet was created on another one moments ago: it is learnt at once,
   * waiters or not, so that a claim that comes after the signal can take its build ({@link
   * #classAdded} serves the waiters already here).
   */
  public void workArrived(String classKey) {
    if (!classes.knows(classKey)) {
      workers.submit(() -> learn(classKey));
    } else if (!all.isEmpty()) {
      workers.submit(() -> serveClass(classKey));
    }
  }

  /**
   * The runner drained, changed its capabilities or was removed: its waits here end with 204, so it
   * asks again as it is now (a drained runner is told at once that there is nothing for it).
   */
  public void runnerChanged(String runnerId) {
    all.stream()
        .filter(waiter -> waiter.runner().id().equals(runnerId))
        .forEach(waiter -> waiter.answer().setResult(noJob()));
  }

  /**
   * A class entered this instance's list: file the waiters that may take it under it, then serve
   * it. See {@link #await} for why no waiter filed concurrently is missed.
   */
  public void classAdded(CapabilityClass added) {
    if (!all.isEmpty()) {
      workers.submit(() -> adopt(added));
    }
  }

  private void adopt(CapabilityClass added) {
    Queue<Waiter> waiters = queueOf(added.key());
    all.stream()
        .filter(
            w ->
                !w.isOver()
                    && added.isSatisfiedBy(w.runner().capabilities())
                    && !waiters.contains(w))
        .forEach(waiters::add);
    serveClass(added.key());
  }

  private void learn(String classKey) {
    try {
      classes.find(classKey);
    } catch (RuntimeException e) {
      // Redis away: the recheck reads the class list again while anyone waits, and claims once it
      // is stale.
      log.warn("could not look up signalled class {}: {}", classKey, e.toString());
    }
  }

  /**
   * Drops answered waiters (answered, timed out, or gone: their DeferredResult is set or expired)
   * and serves every class that still has some. While anyone waits, it also reads the class list,
   * so a class created elsewhere whose signal was lost still reaches its waiters ({@link
   * #classAdded}).
   */
  void recheck() {
    all.removeIf(Waiter::isOver);
    byClass.forEach(
        (classKey, waiters) -> {
          waiters.removeIf(Waiter::isOver);
          if (!waiters.isEmpty()) {
            workArrived(classKey);
          }
        });
    if (!all.isEmpty()) {
      workers.submit(this::readClasses);
    }
  }

  private void readClasses() {
    try {
      classes.refresh();
    } catch (RuntimeException e) {
      log.warn("could not read the class list for waiting runners: {}", e.toString());
    }
  }

  private void serveClass(String classKey) {
    Queue<Waiter> waiters = byClass.get(classKey);
    if (waiters == null) {
      // No waiter here may take the class: one that may is filed under it when it begins to wait or
      // when the class is added.
      return;
    }
    for (Waiter waiter : waiters) {
      if (serve(waiter) == Outcome.NOTHING_WAITING) {
        return;
      }
    }
  }

  private Outcome serve(Waiter waiter) {
    if (waiter.isOver() || !waiter.serving().compareAndSet(false, true)) {
      return Outcome.SKIPPED;
    }
    try {
      Optional<JobView> job = claims.claim(waiter.runner());
      if (job.isEmpty()) {
        return Outcome.NOTHING_WAITING;
      }
      if (!waiter.answer().setResult(ClaimAnswer.of(job.get()))) {
        claims.giveBack(waiter.runner().id(), job.get());
      }
      return Outcome.CLAIMED;
    } catch (RunnerChangedException changed) {
      // Drained or re-tooled during the wait: end it, so the runner asks again as it is now.
      waiter.answer().setResult(noJob());
      return Outcome.SKIPPED;
    } catch (EngineException refused) {
      waiter.answer().setErrorResult(refused);
      return Outcome.SKIPPED;
    } catch (RuntimeException e) {
      // Redis or RabbitMQ away: the waiter keeps waiting; the recheck tries again.
      log.warn("claim for waiting runner {} failed: {}", waiter.runner().id(), e.toString());
      return Outcome.SKIPPED;
    } finally {
      waiter.serving().set(false);
    }
  }

  private Queue<Waiter> queueOf(String classKey) {
    return byClass.computeIfAbsent(classKey, k -> new ConcurrentLinkedQueue<>());
  }

  @Override
  public void start() {
    running = true;
  }

  /**
   * Answers every waiting runner 204 as shutdown begins, before the web server's graceful shutdown
   * (a later phase) waits for requests in flight: a long-poll would otherwise hold the instance up
   * for the rest of its wait, and the runner asks again elsewhere at once.
   */
  @Override
  public void stop() {
    running = false;
    all.forEach(waiter -> waiter.answer().setResult(noJob()));
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @PreDestroy
  void stopWorkers() {
    workers.shutdownNow();
  }

  private enum Outcome {
    CLAIMED,
    NOTHING_WAITING,
    SKIPPED
  }

  private record Waiter(
      AuthenticatedRunner runner, DeferredResult<Object> answer, AtomicBoolean serving) {
    Waiter(AuthenticatedRunner runner, DeferredResult<Object> answer) {
      this(runner, answer, new AtomicBoolean());
    }

    boolean isOver() {
      return answer.isSetOrExpired();
    }
  }
}
