package dev.hangar.api.projects;

import dev.hangar.api.auth.User;
import dev.hangar.api.openapi.Access;
import dev.hangar.api.openapi.ApiContract;
import dev.hangar.api.openapi.ProblemCode;
import dev.hangar.api.web.Answers;
import dev.hangar.api.web.RequestBodies;
import dev.hangar.api.web.ValidationFailedException;
import dev.hangar.engine.builds.BuildStore;
import dev.hangar.engine.projects.ProjectStore;
import dev.hangar.model.BuildStatus;
import dev.hangar.model.WireName;
import dev.hangar.model.builds.BuildView;
import dev.hangar.model.projects.CreatePipelineRequest;
import dev.hangar.model.projects.CreateProjectRequest;
import dev.hangar.model.projects.PipelineChanges;
import dev.hangar.model.projects.PipelineView;
import dev.hangar.model.projects.ProjectChanges;
import dev.hangar.model.projects.ProjectView;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Projects, their pipelines, and their builds. */
@RestController
class ProjectController {

  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;

  private final ProjectStore projects;
  private final BuildStore builds;
  private final RequestBodies bodies;
  private final Deletions deletions;

  ProjectController(
      ProjectStore projects, BuildStore builds, RequestBodies bodies, Deletions deletions) {
    this.projects = projects;
    this.builds = builds;
    this.bodies = bodies;
    this.deletions = deletions;
  }

  @ApiContract(
      summary = "Create a project",
      access = Access.USER,
      body = CreateProjectRequest.class,
      status = 201)
  @PostMapping("/v1/projects")
  ProjectView create(User user, HttpServletRequest request, HttpServletResponse response) {
    ProjectView project =
        projects.createProject(bodies.fromUser(request, CreateProjectRequest.class), user.id());
    return Answers.created(response, "/v1/projects/" + project.id(), project);
  }

  @ApiContract(summary = "Every project", access = Access.USER)
  @GetMapping("/v1/projects")
  List<ProjectView> list(User user) {
    return projects.projects();
  }

  @ApiContract(
      summary = "A project",
      access = Access.USER,
      problems = ProblemCode.PROJECT_NOT_FOUND)
  @GetMapping("/v1/projects/{projectId}")
  ProjectView get(User user, @PathVariable String projectId) {
    return projects.requireProject(projectId);
  }

  @ApiContract(
      summary = "Change a project's name, repository_url or retention_days (merge patch)",
      access = Access.USER,
      body = ProjectChanges.class,
      problems = {ProblemCode.PROJECT_NOT_FOUND, ProblemCode.UPDATE_CONFLICT})
  @PatchMapping("/v1/projects/{projectId}")
  ProjectView update(User user, @PathVariable String projectId, HttpServletRequest request) {
    RequestBodies.Patch<CreateProjectRequest> patch =
        bodies.patchFromUser(request, CreateProjectRequest.class);
    return projects.updateProject(
        projectId,
        current ->
            patch.applyTo(
                new CreateProjectRequest(
                    current.name(), current.repositoryUrl(), current.retentionDays())));
  }

  /**
   * Cancels its builds, removes its pipelines with their signing material, and makes its builds'
   * logs and artifacts due for deletion; see Deletions for the order and why.
   */
  @ApiContract(
      summary = "Delete a project, its pipelines and signing; cancel its builds",
      access = Access.USER,
      status = 204,
      problems = ProblemCode.PROJECT_NOT_FOUND)
  @DeleteMapping("/v1/projects/{projectId}")
  ResponseEntity<Void> delete(User user, @PathVariable String projectId) {
    deletions.deleteProject(projectId, user.id());
    return ResponseEntity.noContent().build();
  }

  @ApiContract(
      summary = "Create a pipeline of a project",
      access = Access.USER,
      body = CreatePipelineRequest.class,
      status = 201,
      problems = ProblemCode.PROJECT_NOT_FOUND)
  @PostMapping("/v1/projects/{projectId}/pipelines")
  PipelineView createPipeline(
      User user,
      @PathVariable String projectId,
      HttpServletRequest request,
      HttpServletResponse response) {
    projects.requireProject(projectId);
    PipelineView pipeline =
        projects.createPipeline(projectId, bodies.fromUser(request, CreatePipelineRequest.class));
    return Answers.created(response, "/v1/pipelines/" + pipeline.id(), pipeline);
  }

  @ApiContract(
      summary = "A project's pipelines",
      access = Access.USER,
      problems = ProblemCode.PROJECT_NOT_FOUND)
  @GetMapping("/v1/projects/{projectId}/pipelines")
  List<PipelineView> pipelines(User user, @PathVariable String projectId) {
    return projects.pipelines(projectId);
  }

  @ApiContract(
      summary = "A pipeline",
      access = Access.USER,
      problems = ProblemCode.PIPELINE_NOT_FOUND)
  @GetMapping("/v1/pipelines/{pipelineId}")
  PipelineView pipeline(User user, @PathVariable String pipelineId) {
    return projects.requirePipeline(pipelineId);
  }

  /** Builds queued before the change keep the config and queue they were queued with. */
  @ApiContract(
      summary = "Change a pipeline's name, platform, labels, tools or config (merge patch)",
      access = Access.USER,
      body = PipelineChanges.class,
      problems = {ProblemCode.PIPELINE_NOT_FOUND, ProblemCode.UPDATE_CONFLICT})
  @PatchMapping("/v1/pipelines/{pipelineId}")
  PipelineView updatePipeline(
      User user, @PathVariable String pipelineId, HttpServletRequest request) {
    RequestBodies.Patch<CreatePipelineRequest> patch =
        bodies.patchFromUser(request, CreatePipelineRequest.class);
    return projects.updatePipeline(
        pipelineId,
        current ->
            patch.applyTo(
                new CreatePipelineRequest(
                    current.name(),
                    current.platform(),
                    current.labels(),
                    current.tools(),
                    current.config())));
  }

  @ApiContract(
      summary = "Delete a pipeline and its signing; cancel its builds",
      access = Access.USER,
      status = 204,
      problems = ProblemCode.PIPELINE_NOT_FOUND)
  @DeleteMapping("/v1/pipelines/{pipelineId}")
  ResponseEntity<Void> deletePipeline(User user, @PathVariable String pipelineId) {
    deletions.deletePipeline(pipelineId, user.id());
    return ResponseEntity.noContent().build();
  }

  /** Newest first; {@code status} filters, {@code limit} (1–500, default 50) bounds the answer. */
  @ApiContract(
      summary = "A project's builds, newest first, by status, limit 1-500",
      access = Access.USER,
      problems = {ProblemCode.VALIDATION_FAILED, ProblemCode.PROJECT_NOT_FOUND})
  @GetMapping("/v1/projects/{projectId}/builds")
  List<BuildView> builds(
      User user,
      @PathVariable String projectId,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String limit) {
    projects.requireProject(projectId);
    return builds.list(projectId, status(status), limit(limit));
  }

  private static Optional<BuildStatus> status(String status) {
    if (status == null || status.isEmpty()) {
      return Optional.empty();
    }
    return WireName.find(BuildStatus.class, status)
        .map(Optional::of)
        .orElseThrow(
            () ->
                ValidationFailedException.of(
                    "status", "must be one of " + WireName.all(BuildStatus.class)));
  }

  private static int limit(String limit) {
    if (limit == null || limit.isEmpty()) {
      return DEFAULT_LIMIT;
    }
    try {
      int n = Integer.parseInt(limit);
      if (n >= 1 && n <= MAX_LIMIT) {
        return n;
      }
    } catch (NumberFormatException notANumber) {
      // answered below like an out-of-range value
    }
    throw ValidationFailedException.of("limit", "must be a whole number from 1 to " + MAX_LIMIT);
  }
}
