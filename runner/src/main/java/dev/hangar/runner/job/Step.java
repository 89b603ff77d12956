package dev.hangar.runner.job;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * One step of a pipeline: a shell command, its own time limit if it has one, and its environment.
 */
public record Step(String name, String run, Optional<Duration> timeout, Map<String, String> env) {

  public Step {
    env = Map.copyOf(env);
  }

  public static Step command(String run) {
    return new Step(run, run, Optional.empty(), Map.of());
  }
}
