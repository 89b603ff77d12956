package dev.hangar.model.artifacts;

import dev.hangar.model.WireName;
import dev.hangar.model.validation.Names;
import dev.hangar.model.validation.Violations;
import java.nio.file.FileSystems;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.PatternSyntaxException;

/**
 * What a job keeps from its workspace, read from a pipeline's {@code config}: {@code artifacts}, a
 * list of glob patterns relative to the workspace ({@code build/app/outputs/flutter-apk/*.apk}),
 * and {@code artifacts_when}, after which outcome of the steps they are uploaded. The server checks
 * them when a pipeline is created; the runner reads them from the job's config snapshot.
 *
 * @param patterns empty when the pipeline names none: then a runner uses the defaults of Flutter's
 *     build for the platform, if it runs Flutter's default steps
 */
public record ArtifactRules(List<String> patterns, ArtifactsWhen when) {

  public static final String PATTERNS = "artifacts";
  public static final String WHEN = "artifacts_when";
  public static final int MAX_PATTERNS = 50;
  public static final int MAX_PATTERN_LENGTH = 500;

  public ArtifactRules {
    patterns = List.copyOf(patterns);
  }

  /** The rules of a config already checked by {@link #validate}; defaults where it says nothing. */
  public static ArtifactRules of(Map<String, Object> config) {
    Violations v = new Violations();
    ArtifactRules rules = read(config, v);
    if (!v.isEmpty()) {
      throw new IllegalArgumentException(v.list().getFirst().toString());
    }
    return rules;
  }

  /** Adds to {@code v} what is wrong with the artifact keys of a pipeline's {@code config}. */
  public static void validate(Map<String, Object> config, Violations v) {
    read(config, v);
  }

  private static ArtifactRules read(Map<String, Object> config, Violations v) {
    Object listed = config == null ? null : config.get(PATTERNS);
    Object when = config == null ? null : config.get(WHEN);
    return new ArtifactRules(patterns(listed, v), when(when, v));
  }

  private static List<String> patterns(Object listed, Violations v) {
    String field = "config." + PATTERNS;
    if (listed == null) {
      return List.of();
    }
    if (!(listed instanceof List<?> items)) {
      v.add(field, "must be a list of glob patterns relative to the workspace");
      return List.of();
    }
    if (items.size() > MAX_PATTERNS) {
      v.add(field, "at most " + MAX_PATTERNS + " patterns");
      return List.of();
    }
    List<String> patterns = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String at = field + "[" + i + "]";
      if (!(items.get(i) instanceof String pattern) || pattern.isBlank()) {
        v.add(at, "must be a glob pattern such as build/app/outputs/flutter-apk/*.apk");
        continue;
      }
      problem(pattern).ifPresentOrElse(p -> v.add(at, p), () -> patterns.add(pattern));
    }
    return patterns;
  }

  private static Optional<String> problem(String pattern) {
    if (pattern.length() > MAX_PATTERN_LENGTH) {
      return Optional.of("must be at most " + MAX_PATTERN_LENGTH + " characters");
    }
    if (pattern.startsWith("/") || pattern.startsWith("~") || pattern.matches("^[A-Za-z]:.*")) {
      return Optional.of("must be relative to the workspace, was '" + Names.clip(pattern) + "'");
    }
    if (pattern.contains("\\")) {
      return Optional.of("must separate directories with /");
    }
    if (Arrays.asList(pattern.split("/")).contains("..")) {
      return Optional.of("must stay inside the workspace: no .. segments");
    }
    if (pattern.chars().anyMatch(Character::isISOControl)) {
      return Optional.of("must not hold control characters");
    }
    try {
      // The runner matches with the same glob syntax: a pattern it could not read fails here.
      FileSystems.getDefault().getPathMatcher("glob:" + pattern);
    } catch (PatternSyntaxException e) {
      return Optional.of("is not a glob pattern: " + e.getDescription());
    }
    return Optional.empty();
  }

  private static ArtifactsWhen when(Object when, Violations v) {
    if (when == null) {
      return ArtifactsWhen.ON_SUCCESS;
    }
    Optional<ArtifactsWhen> known =
        when instanceof String s ? WireName.find(ArtifactsWhen.class, s) : Optional.empty();
    if (known.isEmpty()) {
      v.add("config." + WHEN, "must be one of on_success, on_failure, always");
      return ArtifactsWhen.ON_SUCCESS;
    }
    return known.get();
  }
}
