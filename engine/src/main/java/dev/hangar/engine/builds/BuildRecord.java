package dev.hangar.engine.builds;

import dev.hangar.engine.support.EngineJson;
import dev.hangar.model.BuildStatus;
import dev.hangar.model.FailureReason;
import dev.hangar.model.Platform;
import dev.hangar.model.Priority;
import dev.hangar.model.builds.AttemptView;
import dev.hangar.model.builds.BuildView;
import dev.hangar.model.runners.JobView;
import dev.hangar.model.runners.StatusUpdate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.type.TypeReference;

/** A build as stored: its hash fields and its attempt history, read together. */
public record BuildRecord(Map<String, String> fields, List<AttemptView> attempts) {

  private static final TypeReference<Map<String, Object>> CONFIG = new TypeReference<>() {};
  private static final TypeReference<List<StatusUpdate.StepReport>> STEPS =
      new TypeReference<>() {};

  public static BuildRecord of(Map<String, String> fields, List<String> attemptJson) {
    return new BuildRecord(
        fields,
        attemptJson.stream().map(json -> EngineJson.read(json, AttemptView.class)).toList());
  }

  public String id() {
    return fields.get("id");
  }

  public String projectId() {
    return fields.get("project_id");
  }

  public String pipelineId() {
    return fields.get("pipeline_id");
  }

  public BuildStatus status() {
    return BuildStatus.fromWire(fields.get("status"));
  }

  public String runnerId() {
    return fields.get("runner_id");
  }

  public int attempt() {
    return Integer.parseInt(fields.get("attempt"));
  }

  /** Stored as 1 once a user asked to cancel the build while it was leased. */
  public boolean cancelRequested() {
    return "1".equals(fields.get("cancel_requested"));
  }

  public boolean everHeldBy(String runnerId) {
    return attempts.stream().anyMatch(a -> runnerId.equals(a.runnerId()));
  }

  public JobView toJob() {
    return new JobView(
        id(),
        projectId(),
        fields.get("pipeline_id"),
        Long.parseLong(fields.get("build_number")),
        Platform.fromWire(fields.get("platform")),
        attempt(),
        status(),
        cancelRequested(),
        config(),
        fields.get("repository_url"),
        fields.get("commit_sha"),
        fields.get("branch"),
        seconds("lease_expires_at").orElse(0L));
  }

  public BuildView toView() {
    return new BuildView(
        id(),
        projectId(),
        fields.get("pipeline_id"),
        Long.parseLong(fields.get("build_number")),
        Platform.fromWire(fields.get("platform")),
        fields.get("queue"),
        Priority.fromWire(fields.get("priority")),
        status(),
        attempt(),
        runnerId(),
        seconds("lease_expires_at").orElse(null),
        cancelRequested(),
        Optional.ofNullable(fields.get("failure_reason"))
            .map(r -> FailureReason.valueOf(r.toUpperCase(Locale.ROOT)))
            .orElse(null),
        Optional.ofNullable(fields.get("exit_code")).map(Integer::valueOf).orElse(null),
        fields.get("message"),
        fields.get("commit_sha"),
        fields.get("branch"),
        config(),
        Optional.ofNullable(fields.get("progress"))
            .map(p -> EngineJson.read(p, StatusUpdate.Progress.class))
            .orElse(null),
        Optional.ofNullable(fields.get("steps"))
            .map(s -> EngineJson.read(s, STEPS))
            .orElse(List.of()),
        attempts.stream().map(BuildRecord::inSeconds).toList(),
        fields.get("created_by"),
        fields.get("rerun_of"),
        seconds("created_at").orElseThrow(),
        seconds("updated_at").orElseThrow(),
        dataExpiredAt().orElse(null));
  }

  /**
   * When retention deleted the build's log and artifacts, in seconds; empty while they are kept.
   */
  public Optional<Long> dataExpiredAt() {
    return seconds("data_expired_at");
  }

  private Map<String, Object> config() {
    return EngineJson.read(fields.get("config_snapshot"), CONFIG);
  }

  private Optional<Long> seconds(String field) {
    return Optional.ofNullable(fields.get(field)).map(ms -> Long.parseLong(ms) / 1000);
  }

  /** Attempts are stored with millisecond times, shown in seconds like every other timestamp. */
  private static AttemptView inSeconds(AttemptView a) {
    return new AttemptView(
        a.attempt(),
        a.runnerId(),
        a.claimedAt() / 1000,
        a.endedAt() == null ? null : a.endedAt() / 1000,
        a.outcome());
  }
}
