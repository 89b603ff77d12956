package dev.hangar.runner.job;

import dev.hangar.model.Platform;
import dev.hangar.model.artifacts.ArtifactRules;
import dev.hangar.model.runners.StatusUpdate;
import dev.hangar.model.validation.Violation;
import dev.hangar.model.validation.Violations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a job runs, read from its {@code config_snapshot}: {@code steps} ({@code name}, {@code run},
 * {@code timeout_seconds}, {@code env}), Flutter's defaults for the platform when there are none,
 * the job's own {@code timeout_seconds}, and what it uploads afterwards ({@code artifacts}, {@code
 * artifacts_when}; a pipeline on Flutter's default steps that names no artifacts uploads what
 * Flutter's build made). Other keys of the snapshot (e.g. {@code flavor}) are the pipeline's
 * business and left alone.
 */
public record Pipeline(List<Step> steps, Optional<Duration> timeout, ArtifactRules artifacts) {

  static final int MAX_NAME = 200;

  /**
   * A status update carries at most this many step results, and the checkout and the artifact
   * upload are two of them.
   */
  static final int MAX_STEPS = StatusUpdate.MAX_STEPS - 2;

  /**
   * Longer than any build; it keeps deadline arithmetic far from the limits of {@link
   * java.time.Instant}.
   */
  static final Duration MAX_TIMEOUT = Duration.ofDays(7);

  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  public Pipeline {
    steps = List.copyOf(steps);
  }

  public static Pipeline from(Map<String, Object> snapshot, Platform platform)
      throws InvalidPipeline {
    Map<String, Object> config = snapshot == null ? Map.of() : snapshot;
    Optional<Duration> timeout = seconds("timeout_seconds", config.get("timeout_seconds"));
    ArtifactRules artifacts = artifacts(config);
    Object listed = config.get("steps");
    if (listed != null && !(listed instanceof List<?>)) {
      throw new InvalidPipeline("steps must be a list of steps");
    }
    if (!(listed instanceof List<?> items) || items.isEmpty()) {
      return new Pipeline(
          DefaultSteps.of(platform),
          timeout,
          artifacts.patterns().isEmpty()
              ? new ArtifactRules(DefaultSteps.artifacts(platform), artifacts.when())
              : artifacts);
    }
    if (items.size() > MAX_STEPS) {
      throw new InvalidPipeline("steps: at most " + MAX_STEPS + " steps");
    }
    List<Step> steps = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      steps.add(step("steps[" + i + "]", items.get(i)));
    }
    return new Pipeline(steps, timeout, artifacts);
  }

  /**
   * The server checks these when the pipeline is created; the runner trusts no snapshot blindly.
   */
  private static ArtifactRules artifacts(Map<String, Object> config) throws InvalidPipeline {
    Violations v = new Violations();
    ArtifactRules.validate(config, v);
    if (!v.isEmpty()) {
      Violation first = v.list().getFirst();
      throw new InvalidPipeline(
          first.field().substring(first.field().indexOf('.') + 1) + " " + first.message());
    }
    return ArtifactRules.of(config);
  }

  private static Step step(String field, Object item) throws InvalidPipeline {
    if (!(item instanceof Map<?, ?> step)) {
      throw new InvalidPipeline(field + " must be an object with a run command");
    }
    if (!(step.get("run") instanceof String run) || run.isBlank()) {
      throw new InvalidPipeline(field + ".run must be a shell command");
    }
    Object name = step.get("name");
    if (name != null && !(name instanceof String)) {
      throw new InvalidPipeline(field + ".name must be text");
    }
    String shown =
        name == null || ((String) name).isBlank()
            ? run.strip().lines().findFirst().orElse(run)
            : (String) name;
    return new Step(
        clip(shown),
        run,
        seconds(field + ".timeout_seconds", step.get("timeout_seconds")),
        env(field + ".env", step.get("env")));
  }

  private static Optional<Duration> seconds(String field, Object value) throws InvalidPipeline {
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof Number n
        && n.doubleValue() == Math.rint(n.doubleValue())
        && n.longValue() > 0
        && n.longValue() <= MAX_TIMEOUT.toSeconds()) {
      return Optional.of(Duration.ofSeconds(n.longValue()));
    }
    throw new InvalidPipeline(
        field + " must be a whole number of seconds from 1 to " + MAX_TIMEOUT.toSeconds());
  }

  private static Map<String, String> env(String field, Object value) throws InvalidPipeline {
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof Map<?, ?> entries)) {
      throw new InvalidPipeline(field + " must be an object of variables");
    }
    Map<String, String> env = new LinkedHashMap<>();
    for (Map.Entry<?, ?> entry : entries.entrySet()) {
      String name = String.valueOf(entry.getKey());
      if (!ENV_NAME.matcher(name).matches()) {
        throw new InvalidPipeline(field + " has an invalid variable name '" + clip(name) + "'");
      }
      Object v = entry.getValue();
      if (v instanceof Map<?, ?> || v instanceof List<?>) {
        throw new InvalidPipeline(field + "." + name + " must be text, a number or a boolean");
      }
      if (v != null) {
        env.put(name, String.valueOf(v));
      }
    }
    return env;
  }

  private static String clip(String text) {
    return text.length() <= MAX_NAME ? text : text.substring(0, MAX_NAME - 1) + "…";
  }
}
