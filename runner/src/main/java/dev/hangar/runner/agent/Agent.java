package dev.hangar.runner.agent;

import dev.hangar.model.Platform;
import dev.hangar.model.RunnerStatus;
import dev.hangar.model.runners.ClaimAnswer;
import dev.hangar.model.runners.JobView;
import dev.hangar.model.runners.RunnerView;
import dev.hangar.model.runners.UpdateRunnerRequest;
import dev.hangar.runner.ExitCodes;
import dev.hangar.runner.api.ApiProblem;
import dev.hangar.runner.api.Backoff;
import dev.hangar.runner.api.Retry;
import dev.hangar.runner.api.RunnerApi;
import dev.hangar.runner.api.ServerUnreachable;
import dev.hangar.runner.job.JobContext;
import dev.hangar.runner.job.JobRun;
import dev.hangar.runner.job.Workspace;
import dev.hangar.runner.output.LogSink;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code hangar-runner run}: marks the runner online, heartbeats, long-polls for jobs while it has
 * room for one, and runs each on a thread of its own. The first SIGTERM drains (the server is told,
 * no more claims, running jobs finish, exit 0); a second one cancels the running jobs, which report
 * {@code cancelled}, and then it exits. When the server stops accepting the runner's token (the
 * runner was deleted), its jobs are stopped without a word, since the server has requeued them
 * already.
 */
public final class Agent {

  private static final Logger log = LoggerFactory.getLogger(Agent.class);

  /** The longest long-poll the server allows: the fewest requests while waiting for work. */
  static final int CLAIM_WAIT_SECONDS = 30;

  /**
   * How long a runner whose jobs are done still tries to tell an unreachable server that it drains.
   */
  private static final Duration DRAIN_NOTICE_PATIENCE = Duration.ofSeconds(30);

  /**
   * Hangar's default, for pacing retries until the first heartbeat answer tells the real interval.
   */
  private static final Duration FIRST_HEARTBEAT_INTERVAL = Duration.ofSeconds(15);

  private final RunnerApi api;
  private final AgentSettings settings;
  private final Retry retry = new Retry(Backoff.NETWORK);
  private final RandomGenerator random = RandomGenerator.getDefault();
  private final ActiveJobs jobs = new ActiveJobs();
  private final JobContext context;
  private final AtomicBoolean refused = new AtomicBoolean();
  private final CountDownLatch toldDraining = new CountDownLatch(1);
  private volatile boolean draining;
  private volatile Thread claimer;
  private JobSlots slots;
  private volatile int exitCode = ExitCodes.OK;

  public Agent(RunnerApi api, AgentSettings settings) {
    this.api = api;
    this.settings = settings;
    this.context =
        new JobContext(
            api,
            retry,
            settings.workRoot(),
            settings.cacheDir(),
            settings.cancelGrace(),
            System.getenv(),
            LogSink::new,
            () -> refused("HTTP 401"));
  }

  /** Runs until drained, stopped or refused; returns the exit code. */
  public int run() throws InterruptedException, IOException {
    int leftovers = Workspace.clear(settings.workRoot());
    if (leftovers > 0) {
      log.info(
          "{}: removed {} workspaces and signing directories an earlier run left behind",
          api.runnerId(),
          leftovers);
    }
    Files.createDirectories(settings.workRoot());
    Files.createDirectories(settings.cacheDir());
    Optional<RunnerView> me = goOnline();
    if (me.isEmpty()) {
      return exitCode;
    }
    RunnerView runner = me.get();
    slots = new JobSlots(runner.capabilities().capacity());
    // Before the line that says the runner is online: whoever reads it may signal at once.
    StopSignals.install(this::drain, this::cancelAndStop);
    log.info(
        "{} ({}) online: capacity {}, platforms {}, tools {}, labels {}; workspaces in {}",
        runner.id(),
        runner.name(),
        runner.capabilities().capacity(),
        runner.capabilities().platforms().stream().map(Platform::wire).toList(),
        runner.capabilities().tools(),
        runner.capabilities().labels(),
        settings.workRoot());
    Thread.ofPlatform()
        .daemon()
        .name("heartbeats")
        .start(new Heartbeats(api, jobs, this, FIRST_HEARTBEAT_INTERVAL));
    // A signal before this line finds no claimer to interrupt; the loop sees `draining` and never
    // starts.
    claimer = Thread.ofPlatform().name("claims").start(this::claimUntilDrained);
    claimer.join();
    // The jobs are done, but the server may not have heard of the drain yet (it may be down): wait
    // for that a while, not for good.
    if (!refused.get()
        && !toldDraining.await(DRAIN_NOTICE_PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
      log.warn(
          "{}: stopping without having told the server the runner drains; it shows offline soon",
          api.runnerId());
    }
    log.info("{}: stopped", api.runnerId());
    return exitCode;
  }

  /** Also clears a {@code draining} left by an earlier run, and tells this runner its capacity. */
  private Optional<RunnerView> goOnline() throws InterruptedException {
    try {
      return Optional.of(
          retry.untilAnswered(
              "going online",
              () -> api.update(new UpdateRunnerRequest(null, null, RunnerStatus.ONLINE))));
    } catch (ApiProblem problem) {
      if (problem.unauthorized() || problem.status() == 403) {
        log.error(
            "{}: the server does not accept this runner ({}); was it deleted? Register it again to run builds",
            api.runnerId(),
            problem.getMessage());
        exitCode = ExitCodes.RUNNER_REFUSED;
      } else {
        log.error(
            "{}: the server refused to mark the runner online: {}",
            api.runnerId(),
            problem.getMessage());
        exitCode = ExitCodes.FAILURE;
      }
      return Optional.empty();
    }
  }

  private void claimUntilDrained() {
    int failures = 0;
    try {
      while (!draining) {
        slots.acquire();
        Optional<ClaimAnswer> claimed = Optional.empty();
        RuntimeException failure = null;
        try {
          claimed = api.claim(CLAIM_WAIT_SECONDS);
        } catch (ServerUnreachable | ApiProblem e) {
          failure = e;
        } finally {
          if (claimed.isEmpty()) {
            slots.release();
          }
        }
        if (claimed.isPresent()) {
          failures = 0;
          start(claimed.get());
        } else if (failure instanceof ApiProblem problem
            && (problem.unauthorized() || problem.status() == 403)) {
          refused(problem.getMessage());
        } else if (failure != null) {
          Duration pause = Backoff.NETWORK.delay(++failures, random);
          log.warn(
              "{}: claim failed ({}); next one in {} s",
              api.runnerId(),
              failure.getMessage(),
              pause.toSeconds());
          Thread.sleep(pause);
        } else {
          failures = 0;
        }
      }
    } catch (InterruptedException e) {
      // drain() or refused(): no more claims
    }
    awaitJobs();
  }

  /** Waits for the running jobs to end; a second signal or a refusal only makes them end sooner. */
  private void awaitJobs() {
    while (true) {
      try {
        slots.awaitIdle();
        return;
      } catch (InterruptedException e) {
        // keep waiting: cleaning up a job's workspace and signing files must not be cut short
      }
    }
  }

  /** Runs a claimed job; the slot taken for it is given back when the job ends. */
  private void start(ClaimAnswer claimed) {
    if (!Workspace.acceptable(claimed.buildId())) {
      log.error(
          "{}: the server handed over a job with an unusable id ({}); leaving it to expire",
          api.runnerId(),
          claimed.buildId());
      slots.release();
      return;
    }
    JobRun run = new JobRun(claimed, context);
    if (!jobs.add(run)) {
      slots.release();
      return;
    }
    Thread.ofPlatform()
        .name("job " + claimed.buildId())
        .start(
            () -> {
              try {
                run.run();
              } finally {
                jobs.remove(run);
                slots.release();
              }
            });
  }

  /**
   * A job the heartbeat lists but which does not run here: its claim answer was lost, or a runner
   * process before this one held it. Run it (reading it acknowledges it), if there is room.
   */
  void adopt(String buildId) {
    if (draining || !slots.tryAcquire()) {
      return;
    }
    try {
      JobView job = api.job(buildId);
      if (job.status() != null && job.status().isLeased() && !jobs.contains(buildId)) {
        log.info(
            "{}: the server lists {} as held by this runner; running it", api.runnerId(), buildId);
        start(ClaimAnswer.of(job));
        return;
      }
    } catch (ServerUnreachable | ApiProblem e) {
      log.debug(
          "{}: {} listed by the heartbeat could not be read: {}",
          api.runnerId(),
          buildId,
          e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    slots.release();
  }

  /**
   * First SIGTERM: finish what runs, claim nothing more, tell the server. A long-poll under way is
   * cut short: the server would hold it until work came or its wait ran out. Should a job be handed
   * over in that very instant, its answer is lost like any dropped claim answer, and the server
   * requeues the job when its first lease runs out (README "Walk-through").
   */
  private void drain() {
    synchronized (this) {
      if (draining) {
        return;
      }
      draining = true;
    }
    Thread claims = claimer;
    if (claims != null) {
      claims.interrupt();
    }
    log.info(
        "{}: draining: finishing {} running jobs and claiming no more (SIGTERM again cancels them)",
        api.runnerId(),
        jobs.size());
    try {
      retry.untilAnswered(
          "marking the runner draining",
          () -> api.update(new UpdateRunnerRequest(null, null, RunnerStatus.DRAINING)));
    } catch (ApiProblem problem) {
      if (problem.unauthorized() || problem.status() == 403) {
        refused(problem.getMessage());
      } else {
        log.warn(
            "{}: the server refused to mark the runner draining: {}",
            api.runnerId(),
            problem.getMessage());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      toldDraining.countDown();
    }
  }

  /** Second SIGTERM: cancel the running jobs (each reports cancelled) and stop. */
  private void cancelAndStop() {
    drain();
    log.info("{}: stopping: cancelling {} running jobs", api.runnerId(), jobs.size());
    jobs.cancelAll("the runner was stopped");
  }

  /** The server does not accept the token any more: stop every job without reporting, and exit. */
  void refused(String why) {
    if (!refused.compareAndSet(false, true)) {
      return;
    }
    exitCode = ExitCodes.RUNNER_REFUSED;
    log.error(
        "{}: the server no longer accepts this runner ({}); was it deleted? Stopping. Register it again to run builds",
        api.runnerId(),
        why);
    draining = true;
    Thread claims = claimer;
    if (claims != null) {
      claims.interrupt();
    }
    jobs.loseAll("the server no longer accepts this runner's token");
  }
}
