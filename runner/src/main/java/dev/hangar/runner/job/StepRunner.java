package dev.hangar.runner.job;

import dev.hangar.runner.job.StepResult.Ending;
import dev.hangar.runner.output.OutputSink;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a step's commands one after another (a pipeline step has one; the checkout several) until
 * one fails, the time limit passes or the job is stopped, and says how the step ended.
 */
final class StepRunner {

  private final JobControl control;
  private final Duration grace;

  StepRunner(JobControl control, Duration grace) {
    this.control = control;
    this.grace = grace;
  }

  StepResult run(
      String name,
      List<List<String>> commands,
      Path dir,
      Map<String, String> env,
      Optional<Instant> limit,
      OutputSink sink)
      throws InterruptedException {
    Instant started = Instant.now();
    sink.stepStarted(name);
    Integer exit = null;
    Ending ending = Ending.SUCCEEDED;
    for (List<String> command : commands) {
      if (control.stopping()) {
        ending = Ending.CANCELLED;
        break;
      }
      StepProcess process;
      try {
        process = StepProcess.start(command, dir, env, name, sink);
      } catch (IOException e) {
        sink.line(name, "cannot start " + command.getFirst() + ": " + e.getMessage());
        ending = Ending.FAILED;
        break;
      }
      control.attach(process);
      try {
        if (limit.isPresent() && !process.awaitUntil(limit.get())) {
          process.stop(grace);
          exit = process.awaitExit();
          ending = control.stopping() ? Ending.CANCELLED : Ending.TIMED_OUT;
          break;
        }
        exit = process.awaitExit();
      } finally {
        control.detach();
      }
      if (control.stopping()) {
        ending = Ending.CANCELLED;
        break;
      }
      if (exit != 0) {
        ending = Ending.FAILED;
        break;
      }
    }
    return new StepResult(name, ending, Optional.ofNullable(exit), started, Instant.now());
  }
}
