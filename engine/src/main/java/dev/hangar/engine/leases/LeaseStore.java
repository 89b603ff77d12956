package dev.hangar.engine.leases;

import dev.hangar.engine.EngineException;
import dev.hangar.engine.HangarProperties;
import dev.hangar.engine.builds.BuildRecord;
import dev.hangar.engine.builds.BuildStore;
import dev.hangar.engine.logs.FinishedLogs;
import dev.hangar.engine.runners.AuthenticatedRunner;
import dev.hangar.engine.runners.RunnerCredentials;
import dev.hangar.engine.support.DispatchEvent;
import dev.hangar.engine.support.Ids;
import dev.hangar.model.RunnerStatus;
import dev.hangar.model.runners.HeartbeatAnswer;
import dev.hangar.model.runners.JobLease;
import dev.hangar.model.runners.JobView;
import dev.hangar.model.runners.StatusAnswer;
import dev.hangar.model.runners.StatusUpdate;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** What a runner does with the jobs it holds: heartbeat (renew), read, report. */
@Component
public class LeaseStore {

  private static final Logger log = LoggerFactory.getLogger(LeaseStore.class);

  private final HeartbeatScript heartbeatScript;
  private final AcknowledgeJobScript acknowledgeJob;
  private final ReportScript reportScript;
  private final HangarProperties properties;
  private final BuildStore builds;
  private final FinishedLogs finishedLogs;

  public LeaseStore(
      HeartbeatScript heartbeatScript,
      AcknowledgeJobScript acknowledgeJob,
      ReportScript reportScript,
      HangarProperties properties,
      BuildStore builds,
      FinishedLogs finishedLogs) {
    this.heartbeatScript = heartbeatScript;
    this.acknowledgeJob = acknowledgeJob;
    this.reportScript = reportScript;
    this.properties = properties;
    this.builds = builds;
    this.finishedLogs = finishedLogs;
  }

  /** Checks the token, marks the runner alive and renews every live lease it holds. */
  public HeartbeatAnswer heartbeat(RunnerCredentials credentials) {
    return switch (heartbeatScript.run(credentials, properties.leaseTtl())) {
      case HeartbeatOutcome.UnknownToken unknown -> throw RunnerCredentials.unknownToken();
      case HeartbeatOutcome.NotYourRunner other -> throw RunnerCredentials.notYourRunner();
      case HeartbeatOutcome.Renewed renewed -> {
        List<JobLease> jobs =
            renewed.leases().stream()
                .map(
                    lease ->
                        new JobLease(
                            lease.buildId(),
                            lease.deadlineMillis() / 1000,
                            lease.cancelRequested()))
                .toList();
        RunnerStatus status =
            RunnerStatus.inContact(renewed.draining(), jobs.size(), renewed.capacity());
        yield new HeartbeatAnswer(status, properties.heartbeatInterval().toSeconds(), jobs);
      }
    };
  }

  /**
   * The job as its runner sees it, which also acknowledges it; refused with the same codes as a
   * status update.
   */
  public JobView job(AuthenticatedRunner runner, String jobId) {
    if (Ids.looksLike("build", jobId)) {
      // Fetching the job acknowledges it: the runner knows it holds it (see acknowledge_job.lua).
      acknowledgeJob.run(runner.id(), jobId, properties.leaseTtl());
    }
    BuildRecord build = builds.record(jobId).orElseThrow(BuildStore::jobNotFound);
    if (!runner.id().equals(build.runnerId())) {
      throw build.everHeldBy(runner.id())
          ? EngineException.conflict("lease_lost", "this runner no longer holds " + jobId)
          : EngineException.forbidden("not_your_job", jobId + " is not leased to this runner");
    }
    return build.toJob();
  }

  /**
   * Applies a status update under the lease rules of {@code report.lua}. A final status has the
   * build's log archived.
   */
  public StatusAnswer report(AuthenticatedRunner runner, String jobId, StatusUpdate update) {
    // The id becomes part of a key: "build_x:attempts" would make the script read a list as a hash.
    if (!Ids.looksLike("build", jobId)) {
      throw BuildStore.jobNotFound();
    }
    return switch (reportScript.run(
        runner.id(), jobId, update, properties.leaseTtl(), properties.retention())) {
      case ReportOutcome.Accepted accepted -> {
        // Progress reports come every few seconds: they are worth a line only when asked for.
        DispatchEvent.about(
                accepted.status().isTerminal() ? log.atInfo() : log.atDebug(),
                jobId,
                runner.id(),
                accepted.attempt())
            .log(
                "runner {} reported {} attempt {}: {}",
                runner.id(),
                jobId,
                accepted.attempt(),
                accepted.status().wire());
        if (accepted.status().isTerminal()) {
          finishedLogs.buildFinished(jobId);
        }
        yield new StatusAnswer(
            jobId,
            accepted.status(),
            accepted.attempt(),
            accepted.leaseDeadlineMillis() == null ? null : accepted.leaseDeadlineMillis() / 1000,
            accepted.cancelRequested());
      }
      case ReportOutcome.Refused refused -> {
        DispatchEvent.about(
                log.atInfo(), jobId, runner.id(), update.attempt() == null ? 0 : update.attempt())
            .log(
                "refused runner {}'s report on {}: {} ({})",
                runner.id(),
                jobId,
                refused.refusal().code(),
                refused.detail());
        throw refusal(jobId, refused);
      }
    };
  }

  private static EngineException refusal(String jobId, ReportOutcome.Refused refused) {
    String code = refused.refusal().code();
    return switch (refused.refusal()) {
      case JOB_NOT_FOUND -> BuildStore.jobNotFound();
      case NOT_YOUR_JOB -> EngineException.forbidden(code, jobId + " is not leased to this runner");
      case LEASE_LOST, INVALID_TRANSITION -> EngineException.conflict(code, refused.detail());
    };
  }
}
