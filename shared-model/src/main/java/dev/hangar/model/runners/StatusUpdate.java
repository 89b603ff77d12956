package dev.hangar.model.runners;

import dev.hangar.model.BuildStatus;
import dev.hangar.model.validation.Validated;
import dev.hangar.model.validation.Violations;
import java.util.List;

/** A runner's progress or completion report for the job it holds. */
public record StatusUpdate(
    BuildStatus status,
    Integer attempt,
    Integer exitCode,
    String message,
    Progress progress,
    List<StepReport> steps)
    implements Validated {

  public static final int MAX_MESSAGE = 4096;
  public static final int MAX_STEPS = 200;

  @Override
  public void validate(Violations v) {
    v.required("status", status);
    if (status != null && !status.isReportable()) {
      v.add("status", "must be one of running, succeeded, failed, cancelled");
    }
    if (attempt != null && attempt < 1) {
      v.add("attempt", "must be at least 1");
    }
    v.maxLength("message", message, MAX_MESSAGE);
    if (progress != null) {
      progress.validate(v);
    }
    if (steps != null) {
      if (steps.size() > MAX_STEPS) {
        v.add("steps", "at most " + MAX_STEPS + " steps");
      }
      for (int i = 0; i < steps.size(); i++) {
        if (steps.get(i) == null) {
          v.add("steps[" + i + "]", "must be an object");
        } else {
          steps.get(i).validate("steps[" + i + "]", v);
        }
      }
    }
  }

  public record Progress(String step, Integer percent) {
    void validate(Violations v) {
      v.maxLength("progress.step", step, 200);
      if (percent != null && (percent < 0 || percent > 100)) {
        v.add("progress.percent", "must be between 0 and 100");
      }
    }
  }

  public record StepReport(
      String name,
      String status,
      Integer exitCode,
      Long startedAt,
      Long finishedAt,
      Long durationMs) {
    void validate(String field, Violations v) {
      v.required(field + ".name", name);
      v.maxLength(field + ".name", name, 200);
      v.maxLength(field + ".status", status, 32);
      if (durationMs != null && durationMs < 0) {
        v.add(field + ".duration_ms", "must not be negative");
      }
    }
  }
}
