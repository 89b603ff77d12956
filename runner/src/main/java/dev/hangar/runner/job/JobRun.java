package dev.hangar.runner.job;

import dev.hangar.model.BuildStatus;
import dev.hangar.model.Platform;
import dev.hangar.model.artifacts.ArtifactRules;
import dev.hangar.model.runners.ClaimAnswer;
import dev.hangar.model.runners.StatusUpdate.Progress;
import dev.hangar.runner.api.ApiProblem;
import dev.hangar.runner.artifacts.ArtifactUploads;
import dev.hangar.runner.detect.CommandOutput;
import dev.hangar.runner.output.LogShipper;
import dev.hangar.runner.output.MaskingSink;
import dev.hangar.runner.output.OutputSink;
import dev.hangar.runner.signing.SigningFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One claimed job from start to end, on a thread of its own: report {@code running} at once, check
 * the commit out into a fresh workspace, fetch the signing material, run the steps, upload the
 * artifacts, report each step's result and then the outcome; and whatever happens, stop every
 * process it started and remove the workspace and the signing files.
 */
public final class JobRun implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(JobRun.class);

  /**
   * Generous enough for a first fetch of a big repository with submodules; a job timeout still
   * applies.
   */
  static final Duration CHECKOUT_TIMEOUT = Duration.ofMinutes(30);

  private static final Duration OUTPUT_PATIENCE = Duration.ofSeconds(5);

  /** How long the final report waits for the job's output to reach the server's log. */
  private static final Duration LOG_PATIENCE = Duration.ofSeconds(30);

  private static final String CHECKOUT = "checkout";

  /**
   * Each step runs as {@code /bin/sh -e -c RUN}: a multi-line step stops at its first failing
   * command.
   */
  private static final List<String> SHELL = List.of("/bin/sh", "-e", "-c");

  private final ClaimAnswer job;
  private final JobContext context;
  private final JobControl control;
  private final Reports reports;
  private final StepRunner steps;
  private final Path workspace;
  private final Path signingDir;
  private final Path artifactZip;
  private final LogShipper shipper;
  private final OutputSink output;
  private Pipeline pipeline;
  private SigningFiles signing = SigningFiles.none();
  private boolean processesStopped;
  private boolean cleanedUp;

  public JobRun(ClaimAnswer job, JobContext context) {
    this.job = job;
    this.context = context;
    this.control = new JobControl(context.cancelGrace());
    this.reports = new Reports(context, job, control);
    this.steps = new StepRunner(control, context.cancelGrace());
    String name = job.buildId() + "-" + job.attempt();
    this.workspace = context.workRoot().resolve(name);
    this.signingDir = context.workRoot().resolve(name + ".signing");
    this.artifactZip = context.workRoot().resolve(name + ".artifact.zip");
    this.shipper =
        new LogShipper(
            job.buildId(),
            (offset, chunk) -> context.api().appendLog(job.buildId(), job.attempt(), offset, chunk),
            this::logRefused);
    this.output = OutputSink.both(context.outputFor().apply(job.buildId()), shipper);
  }

  public String buildId() {
    return job.buildId();
  }

  public JobControl control() {
    return control;
  }

  @Override
  public void run() {
    control.runsOn(Thread.currentThread());
    Instant claimedAt = Instant.now();
    log.info(
        "{}: running {} (#{}, attempt {}, {}, {} at {})",
        context.runnerId(),
        job.buildId(),
        job.buildNumber(),
        job.attempt(),
        job.platform().wire(),
        job.branch(),
        job.commitSha());
    List<StepResult> results = new ArrayList<>();
    shipper.start();
    try {
      reports.running(new Progress(CHECKOUT, 0), results);
      Outcome stepsOutcome = outcome(claimedAt, results);
      // What the steps made is read only once nothing of theirs still runs or writes, and without
      // the signing files (key.properties lies in the workspace).
      stopProcesses();
      removeSigning();
      Outcome outcome = withArtifacts(stepsOutcome, results);
      // Processes, signing files and workspace go before the outcome is reported: once the server
      // counts the build as ended, nothing of it is left on this machine.
      cleanUp();
      // The output too reaches the server first: after the final report its log takes no more.
      if (!control.lost()) {
        shipper.finish(LOG_PATIENCE);
      }
      reports.finish(outcome, results);
      if (!control.lost()) {
        log.info(
            "{}: {} attempt {} {}{}",
            context.runnerId(),
            job.buildId(),
            job.attempt(),
            outcome.status().wire(),
            outcome.message().map(m -> ": " + m).orElse(""));
      }
    } catch (InterruptedException e) {
      // The job was lost or the runner is going away; what is left is the cleanup below.
    } finally {
      // Cleanup must run to the end even when a stop interrupted this thread.
      Thread.interrupted();
      shipper.stop();
      cleanUp();
      if (control.lost()) {
        log.warn(
            "{}: stopped {} attempt {}: {}",
            context.runnerId(),
            job.buildId(),
            job.attempt(),
            control.reason());
      }
    }
  }

  /**
   * How the job ended; a failure of the runner itself ends it as failed, so the build never hangs
   * on it.
   */
  private Outcome outcome(Instant claimedAt, List<StepResult> results) throws InterruptedException {
    if (control.stopping()) {
      return stopped();
    }
    try {
      return execute(claimedAt, results);
    } catch (IOException e) {
      return Outcome.failed(
          Optional.empty(), "the runner could not prepare the job: " + e.getMessage());
    } catch (RuntimeException e) {
      log.error(
          "{}: {} attempt {} failed inside the runner",
          context.runnerId(),
          job.buildId(),
          job.attempt(),
          e);
      return Outcome.failed(Optional.empty(), "the runner failed: " + e);
    }
  }

  private Outcome execute(Instant claimedAt, List<StepResult> results)
      throws InterruptedException, IOException {
    Pipeline pipeline;
    try {
      pipeline = Pipeline.from(job.configSnapshot(), job.platform());
    } catch (InvalidPipeline e) {
      return Outcome.failed(Optional.empty(), "config_snapshot: " + e.getMessage());
    }
    if (job.repositoryUrl() == null || job.repositoryUrl().isBlank()) {
      return Outcome.failed(
          Optional.empty(),
          "the job names no repository_url (the build was queued by an older Hangar); queue it again");
    }
    this.pipeline = pipeline;
    Optional<Instant> deadline = pipeline.timeout().map(claimedAt::plus);
    Workspace.create(workspace);
    Map<String, String> base = JobEnvironment.base(context.runnerEnv());

    StepResult checkout =
        steps.run(
            CHECKOUT,
            Checkout.commands(job.repositoryUrl(), job.commitSha(), job.branch()),
            workspace,
            JobEnvironment.with(base, Checkout.GIT_ENV),
            earliest(Instant.now().plus(CHECKOUT_TIMEOUT), deadline),
            output);
    results.add(checkout);
    if (!checkout.succeeded()) {
      return ended(checkout, Optional.of(CHECKOUT_TIMEOUT), pipeline, deadline);
    }
    String commit =
        CommandOutput.of(
                List.of("git", "-C", workspace.toString(), "rev-parse", "HEAD"),
                Duration.ofSeconds(30))
            .map(String::strip)
            .orElse(job.commitSha());

    signing = signing();
    if (control.stopping()) {
      return stopped();
    }
    OutputSink sink = new MaskingSink(output, signing.secrets());
    Map<String, String> env =
        JobEnvironment.with(
            JobEnvironment.forJob(base, job, commit, context.cacheDir()), signing.environment());
    List<Step> planned = pipeline.steps();
    for (int i = 0; i < planned.size(); i++) {
      Step step = planned.get(i);
      reports.running(
          new Progress(step.name(), 100 * results.size() / (planned.size() + 1)), results);
      if (control.stopping()) {
        return stopped();
      }
      List<String> command = Stream.concat(SHELL.stream(), Stream.of(step.run())).toList();
      Optional<Instant> limit = earliest(step.timeout().map(Instant.now()::plus), deadline);
      StepResult result =
          steps.run(
              step.name(),
              List.of(command),
              workspace,
              JobEnvironment.with(env, step.env()),
              limit,
              sink);
      results.add(result);
      if (!result.succeeded()) {
        return ended(result, step.timeout(), pipeline, deadline);
      }
    }
    return control.stopping() ? stopped() : Outcome.succeeded();
  }

  /**
   * The pipeline's signing material on disk, or none when it has none or this platform signs
   * nothing.
   */
  private SigningFiles signing() throws InterruptedException, IOException {
    try {
      if (job.platform() == Platform.ANDROID) {
        var material =
            context
                .retry()
                .untilAnswered(
                    "fetching signing for " + job.buildId(),
                    () -> context.api().androidSigning(job.buildId()));
        if (material.isPresent()) {
          log.info(
              "{}: {} signs with the pipeline's Android keystore (alias {})",
              context.runnerId(),
              job.buildId(),
              material.get().keyAlias());
          return SigningFiles.android(material.get(), signingDir, workspace);
        }
      } else if (job.platform() == Platform.IOS || job.platform() == Platform.MACOS) {
        var material =
            context
                .retry()
                .untilAnswered(
                    "fetching signing for " + job.buildId(),
                    () -> context.api().iosSigning(job.buildId()));
        if (material.isPresent()) {
          log.info(
              "{}: {} signs with the pipeline's certificate and {} profiles (team {})",
              context.runnerId(),
              job.buildId(),
              material.get().profiles().size(),
              material.get().teamId());
          return SigningFiles.ios(material.get(), signingDir);
        }
      }
    } catch (ApiProblem problem) {
      if (!Refusals.endsJob(problem, context, job, control)) {
        log.warn(
            "{}: no signing material for {}: {}",
            context.runnerId(),
            job.buildId(),
            problem.getMessage());
      }
    }
    return SigningFiles.none();
  }

  private Outcome ended(
      StepResult step,
      Optional<Duration> stepTimeout,
      Pipeline pipeline,
      Optional<Instant> deadline) {
    String name = step.name();
    return switch (step.ending()) {
      case SUCCEEDED -> Outcome.succeeded();
      case CANCELLED -> stopped();
      case TIMED_OUT ->
          deadline.filter(d -> !Instant.now().isBefore(d)).isPresent()
              ? Outcome.failed(
                  step.exitCode(),
                  "the job exceeded its timeout_seconds ("
                      + pipeline.timeout().orElseThrow().toSeconds()
                      + " s) during step '"
                      + name
                      + "'")
              : Outcome.failed(
                  step.exitCode(),
                  "step '"
                      + name
                      + "' exceeded its timeout ("
                      + stepTimeout.orElseThrow().toSeconds()
                      + " s)");
      case FAILED ->
          Outcome.failed(
              step.exitCode(),
              step.exitCode()
                  .map(code -> "step '" + name + "' exited with " + code)
                  .orElse("step '" + name + "' could not start"));
    };
  }

  private Outcome stopped() {
    return Outcome.cancelled(control.reason());
  }

  /**
   * Uploads what the pipeline keeps, when its rules ask for it after this outcome of the steps, as
   * one more step. A job cancelled meanwhile abandons the uploads.
   */
  private Outcome withArtifacts(Outcome steps, List<StepResult> results)
      throws InterruptedException {
    if (pipeline == null || control.stopping() || !Files.isDirectory(workspace)) {
      return steps;
    }
    ArtifactRules rules = pipeline.artifacts();
    boolean stepsSucceeded = steps.status() == BuildStatus.SUCCEEDED;
    if (rules.patterns().isEmpty() || !rules.when().uploadsAfter(stepsSucceeded)) {
      return steps;
    }
    reports.running(
        new Progress(ArtifactUploads.STEP, 100 * results.size() / (results.size() + 1)), results);
    if (control.stopping()) {
      return control.lost() ? steps : stopped();
    }
    Instant started = Instant.now();
    ArtifactUploads.Result result;
    control.uploading(true);
    try {
      result = uploads().upload(rules.patterns());
    } catch (InterruptedException e) {
      if (control.lost()) {
        throw e;
      }
      result = new ArtifactUploads.Result(List.of(), List.of(), true);
    } catch (RuntimeException e) {
      log.error(
          "{}: uploading the artifacts of {} failed inside the runner",
          context.runnerId(),
          job.buildId(),
          e);
      result =
          new ArtifactUploads.Result(
              List.of(),
              List.of(new ArtifactUploads.Failure("the artifacts", "the runner failed: " + e)),
              false);
    } finally {
      control.uploading(false);
      // A cancel's interrupt has done its work; the report that follows must not see it.
      Thread.interrupted();
    }
    results.add(StepResult.ofUploads(result, started, Instant.now()));
    if (control.stopping()) {
      return control.lost() ? steps : stopped();
    }
    return steps.afterUploads(result);
  }

  private ArtifactUploads uploads() {
    return new ArtifactUploads(
        workspace,
        artifactZip,
        (name, file) ->
            context
                .api()
                .uploadArtifact(
                    job.buildId(), job.attempt(), name, file.path(), file.size(), file.sha256()),
        context.retry(),
        output,
        problem -> Refusals.endsJob(problem, context, job, control),
        control::stopping);
  }

  /** Every process the job started, and any a step left in the background, killed. */
  private void stopProcesses() {
    if (processesStopped) {
      return;
    }
    processesStopped = true;
    List<StepProcess> started = control.started();
    // Background processes a step left behind share its process group; none may outlive the job.
    started.forEach(StepProcess::kill);
    for (StepProcess process : started) {
      try {
        process.drainOutput(OUTPUT_PATIENCE);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void removeSigning() {
    signing.files().forEach(this::remove);
    remove(signingDir);
  }

  private void cleanUp() {
    if (cleanedUp) {
      return;
    }
    cleanedUp = true;
    stopProcesses();
    removeSigning();
    for (Path path : List.of(artifactZip, workspace)) {
      remove(path);
    }
  }

  private void remove(Path path) {
    try {
      Workspace.delete(path);
    } catch (IOException e) {
      log.error(
          "{}: could not remove {} after {}: {}",
          context.runnerId(),
          path,
          job.buildId(),
          e.getMessage());
    }
  }

  /** The server refused the job's output: a lost lease stops the job, as for any of its calls. */
  private void logRefused(ApiProblem problem) {
    if (!Refusals.endsJob(problem, context, job, control)) {
      log.warn(
          "{}: the server refused the output of {}: {}; it goes to this log only",
          context.runnerId(),
          job.buildId(),
          problem.getMessage());
    }
  }

  private static Optional<Instant> earliest(Optional<Instant> a, Optional<Instant> b) {
    return Stream.of(a, b).flatMap(Optional::stream).min(Instant::compareTo);
  }

  private static Optional<Instant> earliest(Instant a, Optional<Instant> b) {
    return earliest(Optional.of(a), b);
  }
}
