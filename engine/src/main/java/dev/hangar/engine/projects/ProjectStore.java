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
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Projects and pipelines. Both are written once and never change, so each is one JSON value; a
 * pipeline's requirements register its capability class (and queues) before it is stored.
 */
@Component
public class ProjectStore {

  private final StringRedisTemplate redis;
  private final Keys keys;
  private final RedisClock clock;
  private final ClassRegistry classes;

  public ProjectStore(
      StringRedisTemplate redis, Keys keys, RedisClock clock, ClassRegistry classes) {
    this.redis = redis;
    this.keys = keys;
    this.clock = clock;
    this.classes = classes;
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
    return project(id)
        .orElseThrow(() -> EngineException.notFound("project_not_found", "no project " + id));
  }

  public List<ProjectView> projects() {
    return values(
        redis.opsForZSet().range(keys.projects(), 0, -1), keys::project, ProjectView.class);
  }

  public PipelineView createPipeline(String projectId, CreatePipelineRequest request) {
    requireProject(projectId);
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
            now / 1000);
    redis.opsForValue().set(keys.pipeline(pipeline.id()), EngineJson.write(pipeline));
    redis.opsForZSet().add(keys.projectPipelines(projectId), pipeline.id(), now);
    return pipeline;
  }

  public List<PipelineView> pipelines(String projectId) {
    requireProject(projectId);
    return values(
        redis.opsForZSet().range(keys.projectPipelines(projectId), 0, -1),
        keys::pipeline,
        PipelineView.class);
  }

  public PipelineView requirePipeline(String id) {
    return Optional.of(id)
        .filter(p -> Ids.looksLike("pipe", p))
        .map(p -> redis.opsForValue().get(keys.pipeline(p)))
        .map(json -> EngineJson.read(json, PipelineView.class))
        .orElseThrow(() -> EngineException.notFound("pipeline_not_found", "no pipeline " + id));
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
