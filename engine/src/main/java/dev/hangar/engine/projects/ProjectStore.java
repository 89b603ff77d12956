package dev.hangar.engine.projects;

import dev.hangar.engine.EngineException;
import dev.hangar.engine.classes.ClassRegistry;
import dev.hangar.engine.redis.Keys;
import dev.hangar.engine.redis.RedisClock;
import dev.hangar.engine.support.EngineJson;
import dev.hangar.engine.support.Ids;
import dev.hangar.model.CapabilityClass;
import dev.hangar.model.projects.CreatePipelineRequest;
import dev.hangar.model.projects.CreateProjectRequest;
import dev.hangar.model.projects.PipelineView;
import dev.hangar.model.projects.ProjectView;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Projects and pipelines, each one JSON value. A change reads the value, applies itself and
 * replaces the value only if nobody changed it meanwhile, else starts again from a fresh read
 * (optimistic concurrency, replace_record.lua), so concurrent changes of different fields all land.
 * A pipeline's requirements register its capability class (and queues) before it is stored.
 */
@Component
public class ProjectStore {

  /**
   * Changes that find their record changed by another this many times in a row give up: under such
   * contention the caller is better told than kept waiting.
   */
  static final int MAX_TRIES = 20;

  private final StringRedisTemplate redis;
  private final Keys keys;
  private final RedisClock clock;
  private final ClassRegistry classes;
  private final CreatePipelineScript createPipelineScript;
  private final ReplaceRecordScript replaceScript;

  public ProjectStore(
      StringRedisTemplate redis,
      Keys keys,
      RedisClock clock,
      ClassRegistry classes,
      CreatePipelineScript createPipelineScript,
      ReplaceRecordScript replaceScript) {
    this.redis = redis;
    this.keys = keys;
    this.clock = clock;
    this.classes = classes;
    this.createPipelineScript = createPipelineScript;
    this.replaceScript = replaceScript;
  }

  public ProjectView createProject(CreateProjectRequest request, String userId) {
    long now = clock.nowMillis();
    ProjectView project =
        new ProjectView(
            Ids.next("proj"),
            request.name(),
            request.repositoryUrl(),
            request.retentionDays(),
            userId,
            now / 1000,
            now / 1000);
    redis.opsForValue().set(keys.project(project.id()), EngineJson.write(project));
    redis.opsForZSet().add(keys.projects(), project.id(), now);
    return project;
  }

  public Optional<ProjectView> project(String id) {
    if (!Ids.looksLike("proj", id)) {
      return Optional.empty();
    }
    return Optional.ofNullable(redis.opsForValue().get(keys.project(id)))
        .map(json -> EngineJson.read(json, ProjectView.class));
  }

  public ProjectView requireProject(String id) {
    return project(id).orElseThrow(() -> projectNotFound(id));
  }

  public List<ProjectView> projects() {
    return values(
        redis.opsForZSet().range(keys.projects(), 0, -1), keys::project, ProjectView.class);
  }

  /**
   * Applies {@code change} (the project as it is, to the request it becomes, validated) and stores
   * the result; the change may run more than once, each time on a fresh read.
   */
  public ProjectView updateProject(String id, Function<ProjectView, CreateProjectRequest> change) {
    if (!Ids.looksLike("proj", id)) {
      throw projectNotFound(id);
    }
    return replace(
        keys.project(id),
        ProjectView.class,
        current -> {
          CreateProjectRequest request = change.apply(current);
          return new ProjectView(
              current.id(),
              request.name(),
              request.repositoryUrl(),
              request.retentionDays(),
              current.createdBy(),
              current.createdAt(),
              clock.nowMillis() / 1000);
        },
        () -> projectNotFound(id));
  }

  public PipelineView createPipeline(String projectId, CreatePipelineRequest request) {
    CapabilityClass capabilityClass = request.capabilityClass();
    classes.register(capabilityClass);
    long now = clock.nowMillis();
    PipelineView pipeline =
        new PipelineView(
            Ids.next("pipe"),
            projectId,
            request.name(),
            request.platform(),
            List.copyOf(capabilityClass.labels()),
            capabilityClass.tools(),
            request.config(),
            capabilityClass.key(),
            now / 1000,
            now / 1000);
    if (!createPipelineScript.run(projectId, pipeline.id(), EngineJson.write(pipeline), now)) {
      throw projectNotFound(projectId);
    }
    return pipeline;
  }

  public List<PipelineView> pipelines(String projectId) {
    requireProject(projectId);
    return values(
        redis.opsForZSet().range(keys.projectPipelines(projectId), 0, -1),
        keys::pipeline,
        PipelineView.class);
  }

  /**
   * The ids of a project's pipelines, read without the project: a deletion under way reads them
   * after the project's record is set aside.
   */
  public List<String> pipelineIds(String projectId) {
    Set<String> ids = redis.opsForZSet().range(keys.projectPipelines(projectId), 0, -1);
    return ids == null ? List.of() : List.copyOf(ids);
  }

  /** The ids of the projects and pipelines whose deletion began and has not finished. */
  public Set<String> unfinishedDeletions() {
    Set<String> ids = redis.opsForSet().members(keys.deletions());
    return ids == null ? Set.of() : ids;
  }

  public PipelineView requirePipeline(String id) {
    return Optional.of(id)
        .filter(p -> Ids.looksLike("pipe", p))
        .map(p -> redis.opsForValue().get(keys.pipeline(p)))
        .map(json -> EngineJson.read(json, PipelineView.class))
        .orElseThrow(() -> pipelineNotFound(id));
  }

  /**
   * Applies {@code change} like {@link #updateProject}. Builds already queued keep the config and
   * queue they were queued with; new requirements register their class before the pipeline names
   * it, and unchanged ones keep the queue the pipeline has.
   */
  public PipelineView updatePipeline(
      String id, Function<PipelineView, CreatePipelineRequest> change) {
    if (!Ids.looksLike("pipe", id)) {
      throw pipelineNotFound(id);
    }
    return replace(
        keys.pipeline(id),
        PipelineView.class,
        current -> {
          CreatePipelineRequest request = change.apply(current);
          CapabilityClass capabilityClass = request.capabilityClass();
          boolean sameRequirements =
              request.platform() == current.platform()
                  && Set.copyOf(request.labels()).equals(Set.copyOf(current.labels()))
                  && request.tools().equals(current.tools());
          if (!sameRequirements) {
            classes.register(capabilityClass);
          }
          return new PipelineView(
              current.id(),
              current.projectId(),
              request.name(),
              request.platform(),
              sameRequirements ? current.labels() : List.copyOf(capabilityClass.labels()),
              sameRequirements ? current.tools() : capabilityClass.tools(),
              request.config(),
              sameRequirements ? current.queue() : capabilityClass.key(),
              current.createdAt(),
              clock.nowMillis() / 1000);
        },
        () -> pipelineNotFound(id));
  }

  private <T> T replace(
      String key, Class<T> type, Function<T, T> change, Supplier<EngineException> missing) {
    for (int i = 0; i < MAX_TRIES; i++) {
      String json = redis.opsForValue().get(key);
      if (json == null) {
        throw missing.get();
      }
      T changed = change.apply(EngineJson.read(json, type));
      switch (replaceScript.run(key, json, EngineJson.write(changed))) {
        case REPLACED -> {
          return changed;
        }
        case MISSING -> throw missing.get();
        case CHANGED -> {
          // another change came first: redo this one on what it left
        }
      }
    }
    throw EngineException.conflict(
        "update_conflict", "the record kept changing under this update; send it again");
  }

  private static EngineException projectNotFound(String id) {
    return EngineException.notFound("project_not_found", "no project " + id);
  }

  private static EngineException pipelineNotFound(String id) {
    return EngineException.notFound("pipeline_not_found", "no pipeline " + id);
  }

  private <T> List<T> values(
      Set<String> ids, java.util.function.Function<String, String> key, Class<T> type) {
    if (ids == null || ids.isEmpty()) {
      return List.of();
    }
    List<String> json = redis.opsForValue().multiGet(ids.stream().map(key).toList());
    return json == null
        ? List.of()
        : json.stream().filter(Objects::nonNull).map(j -> EngineJson.read(j, type)).toList();
  }
}
