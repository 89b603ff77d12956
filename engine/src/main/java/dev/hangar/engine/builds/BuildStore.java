package dev.hangar.engine.builds;

import dev.hangar.engine.EngineException;
import dev.hangar.engine.HangarProperties;
import dev.hangar.engine.broker.BuildPublisher;
import dev.hangar.engine.broker.Publication;
import dev.hangar.engine.logs.FinishedLogs;
import dev.hangar.engine.redis.Keys;
import dev.hangar.engine.support.DispatchEvent;
import dev.hangar.engine.support.Ids;
import dev.hangar.model.BuildStatus;
import dev.hangar.model.builds.BuildView;
import dev.hangar.model.builds.CreateBuildRequest;
import dev.hangar.model.projects.PipelineView;
import dev.hangar.model.projects.ProjectView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/** Builds: created through the outbox, read, listed per project, cancelled. */
@Component
public class BuildStore {

  private static final Logger log = LoggerFactory.getLogger(BuildStore.class);
  private static final int PAGE = 200;

  private final StringRedisTemplate redis;
  private final CreateBuildScript createScript;
  private final ReadBuildScript readScript;
  private final CancelScript cancelScript;
  private final Keys keys;
  private final BuildPublisher publisher;
  private final FinishedLogs finishedLogs;
  private final Duration retention;

  public BuildStore(
      StringRedisTemplate redis,
      CreateBuildScript createScript,
      ReadBuildScript readScript,
      CancelScript cancelScript,
      Keys keys,
      BuildPublisher publisher,
      FinishedLogs finishedLogs,
      HangarProperties properties) {
    this.redis = redis;
    this.createScript = createScript;
    this.readScript = readScript;
    this.cancelScript = cancelScript;
    this.keys = keys;
    this.publisher = publisher;
    this.finishedLogs = finishedLogs;
    this.retention = properties.retention();
  }

  public static EngineException jobNotFound() {
    return EngineException.notFound("job_not_found", "no such job");
  }

  /**
   * Records the build with its outbox entry, then publishes it. The project's repository URL is
   * copied onto the build, like the pipeline's config, so its runner learns where to fetch from. A
   * failed publish is logged and left to the dispatcher's outbox relay: the build is recorded, so
   * the caller still gets its 201.
   */
  public BuildView create(
      ProjectView project, PipelineView pipeline, CreateBuildRequest request, String userId) {
    return create(project, pipeline, request, userId, null);
  }

  /**
   * The same, for a build that runs {@code rerunOf} again (null for none). Refused with {@code
   * pipeline_not_found} when the pipeline or its project was deleted meanwhile.
   */
  public BuildView create(
      ProjectView project,
      PipelineView pipeline,
      CreateBuildRequest request,
      String userId,
      String rerunOf) {
    String id = Ids.next("build");
    if (!createScript.run(id, pipeline, project.repositoryUrl(), request, userId, rerunOf)) {
      throw EngineException.notFound("pipeline_not_found", "no pipeline " + pipeline.id());
    }
    try {
      publisher.publish(List.of(new Publication(id, 1, pipeline.queue(), request.priority())));
    } catch (RuntimeException e) {
      log.warn(
          "build {} recorded but not yet published ({}); the outbox relay will publish it",
          id,
          e.getMessage());
    }
    return view(id).orElseThrow();
  }

  public Optional<BuildRecord> record(String id) {
    if (!Ids.looksLike("build", id)) {
      return Optional.empty();
    }
    return readScript.run(id);
  }

  public Optional<BuildView> view(String id) {
    return record(id).map(BuildRecord::toView);
  }

  public BuildView requireView(String id) {
    return view(id)
        .orElseThrow(() -> EngineException.notFound("build_not_found", "no build " + id));
  }

  /** Newest first, optionally only those in one status, at most {@code limit}. */
  public List<BuildView> list(String projectId, Optional<BuildStatus> status, int limit) {
    List<BuildView> found = new ArrayList<>();
    long offset = 0;
    while (found.size() < limit) {
      Set<String> ids =
          redis.opsForZSet().reverseRange(keys.projectBuilds(projectId), offset, offset + PAGE - 1);
      if (ids == null || ids.isEmpty()) {
        break;
      }
      for (String id : ids) {
        view(id).filter(b -> status.isEmpty() || b.status() == status.get()).ifPresent(found::add);
        if (found.size() == limit) {
          break;
        }
      }
      offset += PAGE;
    }
    return found;
  }

  /**
   * Cancels now if waiting, else flags the build so its runner stops; a finished build cannot be. A
   * waiting build may have run before (and been requeued), so its log is archived.
   */
  public BuildView cancel(String id) {
    if (!Ids.looksLike("build", id)) {
      throw EngineException.notFound("build_not_found", "no build " + id);
    }
    return switch (withdraw(id)) {
      case CancelOutcome.NoSuchBuild missing ->
          throw EngineException.notFound("build_not_found", "no build " + id);
      case CancelOutcome.AlreadyFinished finished ->
          throw EngineException.conflict(
              "invalid_transition", "the build already " + finished.status().wire());
      case CancelOutcome.Cancelled cancelled ->
          cancelled(requireView(id), "cancelled {} while it waited");
      case CancelOutcome.Requested requested ->
          cancelled(requireView(id), "asked the runner of {} to cancel it");
    };
  }

  /**
   * What a user's cancel does ({@code cancel.lua}), without refusing a build that already ended: a
   * deletion cancels every build of a project or pipeline this way.
   */
  public CancelOutcome withdraw(String id) {
    CancelOutcome outcome = cancelScript.run(id, retention);
    if (outcome instanceof CancelOutcome.Cancelled) {
      finishedLogs.buildFinished(id);
    }
    return outcome;
  }

  private static BuildView cancelled(BuildView build, String message) {
    DispatchEvent.about(log.atInfo(), build.id(), build.runnerId(), build.attempt())
        .log(message, build.id());
    return build;
  }
}
