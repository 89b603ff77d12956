package dev.hangar.runner.job;

import dev.hangar.model.runners.ClaimAnswer;
import dev.hangar.runner.api.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a refusal of one of a job's calls means: a 401 says the server no longer accepts the runner
 * at all; {@code 409 lease_lost}, 403 or 404 say the build is no longer this runner's. Either way
 * the job stops at once and says nothing more. Other refusals leave the job running.
 */
final class Refusals {

  private static final Logger log = LoggerFactory.getLogger(Refusals.class);

  private Refusals() {}

  /** True when the refusal ended the job. */
  static boolean endsJob(
      ApiProblem problem, JobContext context, ClaimAnswer job, JobControl control) {
    if (problem.unauthorized()) {
      control.lose("the server no longer accepts this runner's token");
      context.onUnauthorized().run();
      return true;
    }
    if (problem.is(409, "lease_lost") || problem.status() == 403 || problem.status() == 404) {
      log.warn(
          "{}: {} attempt {} is no longer this runner's ({}); stopping it and reporting nothing more",
          context.runnerId(),
          job.buildId(),
          job.attempt(),
          problem.getMessage());
      control.lose("the lease was lost");
      return true;
    }
    return false;
  }
}
