package dev.hangar.engine.leases;

import dev.hangar.engine.EngineException;
import dev.hangar.engine.HangarProperties;
import dev.hangar.engine.builds.BuildRecord;
import dev.hangar.engine.builds.BuildStore;
import dev.hangar.engine.redis.EngineScripts;
import dev.hangar.engine.redis.Keys;
import dev.hangar.engine.redis.LuaScript;
import dev.hangar.engine.redis.Scripts;
import dev.hangar.engine.runners.AuthenticatedRunner;
import dev.hangar.engine.runners.RunnerCredentials;
import dev.hangar.engine.support.EngineJson;
import dev.hangar.engine.support.Ids;
import dev.hangar.model.BuildStatus;
import dev.hangar.model.RunnerStatus;
import dev.hangar.model.runners.HeartbeatAnswer;
import dev.hangar.model.runners.JobLease;
import dev.hangar.model.runners.JobView;
import dev.hangar.model.runners.StatusAnswer;
import dev.hangar.model.runners.StatusUpdate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** What a runner does with the jobs it holds: heartbeat (renew), read, report. */
@Component
public class LeaseStore {

  private static final LuaScript HEARTBEAT = EngineScripts.load("heartbeat");
  private static final LuaScript ACKNOWLEDGE_JOB = EngineScripts.load("acknowledge_job");
  private static final LuaScript REPORT = EngineScripts.load("report");

  private final Scripts scripts;
  private final Keys keys;
  private final HangarProperties properties;
  private final BuildStore builds;

  public LeaseStore(Scripts scripts, Keys keys, HangarProperties properties, BuildStore builds) {
    this.scripts = scripts;
    this.keys = keys;
    this.properties = properties;
    this.builds = builds;
  }

  /** Checks the token, marks the runner alive and renews every live lease it holds. */
  public HeartbeatAnswer heartbeat(RunnerCredentials credentials) {
    List<Object> r =
        scripts.run(
            HEARTBEAT,
            keys.of(keys.runnerToken(credentials.tokenHash())),
            keys.prefix(),
            credentials.pathRunnerId(),
            credentials.tokenHash(),
            properties.leaseTtl().toMillis());
    switch ((String) r.getFirst()) {
      case "unauthorized" -> throw RunnerCredentials.unknownToken();
      case "not_your_runner" -> throw RunnerCredentials.notYourRunner();
      default -> {}
    }
    List<JobLease> jobs = new ArrayList<>();
    for (int i = 3; i + 2 < r.size(); i += 3) {
      jobs.add(
          new JobLease((String) r.get(i), (Long) r.get(i + 1) / 1000, "1".equals(r.get(i + 2))));
    }
    RunnerStatus status =
        RunnerStatus.inContact(
            "1".equals(r.get(1)), jobs.size(), Integer.parseInt((String) r.get(2)));
    return new HeartbeatAnswer(status, properties.heartbeatInterval().toSeconds(), jobs);
  }

  /**
   * The job as its runner sees it, which also acknowledges it; refused with the same codes as a
   * status update.
   */
  public JobView job(AuthenticatedRunner runner, String jobId) {
    if (Ids.looksLike("build", jobId)) {
      // Fetching the job acknowledges it: the runner knows it holds it (see acknowledge_job.lua).
      scripts.run(
          ACKNOWLEDGE_JOB,
          keys.of(keys.build(jobId)),
          keys.prefix(),
          jobId,
          runner.id(),
          properties.leaseTtl().toMillis());
    }
    BuildRecord build = builds.record(jobId).orElseThrow(BuildStore::jobNotFound);
    if (!runner.id().equals(build.runnerId())) {
      throw build.everHeldBy(runner.id())
          ? EngineException.conflict("lease_lost", "this runner no longer holds " + jobId)
          : EngineException.forbidden("not_your_job", jobId + " is not leased to this runner");
    }
    return build.toJob();
  }

  /** Applies a status update under the lease rules of {@code report.lua}. */
  public StatusAnswer report(AuthenticatedRunner runner, String jobId, StatusUpdate update) {
    // The id becomes part of a key: "build_x:attempts" would make the script read a list as a hash.
    if (!Ids.looksLike("build", jobId)) {
      throw BuildStore.jobNotFound();
    }
    List<Object> r =
        scripts.run(
            REPORT,
            keys.of(keys.build(jobId), keys.runner(runner.id())),
            keys.prefix(),
            jobId,
            runner.id(),
            update.attempt(),
            update.status().wire(),
            properties.leaseTtl().toMillis(),
            update.exitCode(),
            update.message(),
            update.progress() == null ? null : EngineJson.write(update.progress()),
            update.steps() == null ? null : EngineJson.write(update.steps()));
    String outcome = (String) r.getFirst();
    return switch (outcome) {
      case "ok" ->
          new StatusAnswer(
              jobId,
              BuildStatus.fromWire((String) r.get(1)),
              Integer.parseInt((String) r.get(2)),
              (Long) r.get(3) == 0 ? null : (Long) r.get(3) / 1000,
              "1".equals(r.get(4)));
      case "job_not_found" -> throw BuildStore.jobNotFound();
      case "not_your_job" ->
          throw EngineException.forbidden(outcome, jobId + " is not leased to this runner");
      default -> throw EngineException.conflict(outcome, (String) r.get(1));
    };
  }
}
