package dev.hangar.runner.agent;

import dev.hangar.model.runners.HeartbeatAnswer;
import dev.hangar.model.runners.JobLease;
import dev.hangar.runner.api.ApiProblem;
import dev.hangar.runner.api.Backoff;
import dev.hangar.runner.api.RunnerApi;
import dev.hangar.runner.api.ServerUnreachable;
import java.time.Duration;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Heartbeats every {@code heartbeat_interval_seconds} the server last answered with; each renews
 * the leases of the jobs this runner has acknowledged. The answer says which jobs to cancel; a job
 * the runner had acknowledged before sending the heartbeat but which the answer no longer lists has
 * lost its lease (it ran out and the build was requeued) and is stopped at once; a job it lists
 * that does not run here is handed to the agent, which may run it. A failed heartbeat is retried
 * with backoff, never more than an interval apart.
 */
final class Heartbeats implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(Heartbeats.class);

  private final RunnerApi api;
  private final ActiveJobs jobs;
  private final Agent agent;
  private final RandomGenerator random = RandomGenerator.getDefault();
  private Duration interval;

  Heartbeats(RunnerApi api, ActiveJobs jobs, Agent agent, Duration firstInterval) {
    this.api = api;
    this.jobs = jobs;
    this.agent = agent;
    this.interval = firstInterval;
  }

  @Override
  public void run() {
    int failures = 0;
    try {
      while (true) {
        Set<String> acknowledged = jobs.acknowledged();
        Duration pause = interval;
        try {
          HeartbeatAnswer answer = api.heartbeat();
          failures = 0;
          interval = Duration.ofSeconds(Math.max(1, answer.heartbeatIntervalSeconds()));
          pause = interval;
          apply(answer, acknowledged);
        } catch (ApiProblem problem) {
          if (problem.unauthorized() || problem.status() == 403) {
            agent.refused(problem.getMessage());
            return;
          }
          pause = Backoff.NETWORK.cappedAt(interval).delay(++failures, random);
          log.warn(
              "{}: heartbeat failed ({}); next one in {} s",
              api.runnerId(),
              problem.getMessage(),
              pause.toSeconds());
        } catch (ServerUnreachable unreachable) {
          pause = Backoff.NETWORK.cappedAt(interval).delay(++failures, random);
          log.warn(
              "{}: heartbeat failed ({}); next one in {} s",
              api.runnerId(),
              unreachable.getMessage(),
              pause.toSeconds());
        }
        Thread.sleep(pause);
      }
    } catch (InterruptedException stopping) {
      // the runner is exiting
    }
  }

  private void apply(HeartbeatAnswer answer, Set<String> acknowledgedBefore) {
    Set<String> held = answer.jobs().stream().map(JobLease::jobId).collect(Collectors.toSet());
    for (JobLease lease : answer.jobs()) {
      if (lease.cancelRequested()) {
        jobs.cancel(lease.jobId(), "the build was cancelled");
      }
      if (!jobs.contains(lease.jobId())) {
        agent.adopt(lease.jobId());
      }
    }
    for (String buildId : acknowledgedBefore) {
      if (!held.contains(buildId)) {
        jobs.lose(
            buildId,
            "the server no longer lists its lease (it ran out and the build went back to the queue)");
      }
    }
  }
}
