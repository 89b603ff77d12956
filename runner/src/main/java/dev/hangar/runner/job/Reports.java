package dev.hangar.runner.job;

import dev.hangar.model.BuildStatus;
import dev.hangar.model.runners.ClaimAnswer;
import dev.hangar.model.runners.StatusAnswer;
import dev.hangar.model.runners.StatusUpdate;
import dev.hangar.model.runners.StatusUpdate.Progress;
import dev.hangar.runner.api.ApiProblem;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job's status updates. Each names the attempt the runner holds, so the server fences off a
 * runner that lost the build; a {@code 409 lease_lost} (or a build that is no longer this runner's
 * at all) stops the job at once and nothing more is sent. An update that cannot get through is sent
 * again with backoff; an answer with {@code cancel_requested} cancels the job.
 */
final class Reports {

  private static final Logger log = LoggerFactory.getLogger(Reports.class);

  private final JobContext context;
  private final ClaimAnswer job;
  private final JobControl control;

  Reports(JobContext context, ClaimAnswer job, JobControl control) {
    this.context = context;
    this.job = job;
    this.control = control;
  }

  void running(Progress progress, List<StepResult> steps) throws InterruptedException {
    send(
        new StatusUpdate(BuildStatus.RUNNING, job.attempt(), null, null, progress, reports(steps)));
  }

  void finish(Outcome outcome, List<StepResult> steps) throws InterruptedException {
    if (!control.beginFinishing()) {
      return;
    }
    Integer exitCode = outcome.exitCode().orElse(null);
    boolean accepted =
        send(
            new StatusUpdate(
                outcome.status(),
                job.attempt(),
                exitCode,
                outcome.message().map(Reports::clip).orElse(null),
                null,
                reports(steps)));
    if (!accepted && !control.lost()) {
      // A build whose end was never recorded would stay leased to this runner for good; the bare
      // outcome, without what the server refused, still ends it.
      send(new StatusUpdate(outcome.status(), job.attempt(), exitCode, null, null, null));
    }
  }

  /** Sends an update; false when the server refused it (the job may also have been lost). */
  private boolean send(StatusUpdate update) throws InterruptedException {
    if (control.lost()) {
      return false;
    }
    try {
      StatusAnswer answer =
          context
              .retry()
              .untilAnswered(
                  "reporting " + update.status().wire() + " for " + job.buildId(),
                  () -> context.api().report(job.buildId(), update));
      control.acknowledge();
      if (answer.cancelRequested()) {
        control.cancel("the build was cancelled");
      }
      return true;
    } catch (ApiProblem problem) {
      if (!Refusals.endsJob(problem, context, job, control)) {
        log.warn(
            "{}: the server refused the {} update for {}: {}",
            context.runnerId(),
            update.status().wire(),
            job.buildId(),
            problem.getMessage());
      }
      return false;
    }
  }

  private static List<StatusUpdate.StepReport> reports(List<StepResult> steps) {
    return steps.stream().map(StepResult::report).toList();
  }

  private static String clip(String message) {
    return message.length() <= StatusUpdate.MAX_MESSAGE
        ? message
        : message.substring(0, StatusUpdate.MAX_MESSAGE - 1) + "…";
  }
}
