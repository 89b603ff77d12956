package dev.hangar.api.builds;

import dev.hangar.api.auth.User;
import dev.hangar.api.openapi.Access;
import dev.hangar.api.openapi.ApiContract;
import dev.hangar.api.openapi.ProblemCode;
import dev.hangar.api.web.Answers;
import dev.hangar.api.web.RequestBodies;
import dev.hangar.engine.builds.BuildStore;
import dev.hangar.engine.projects.ProjectStore;
import dev.hangar.model.builds.BuildView;
import dev.hangar.model.builds.CreateBuildRequest;
import dev.hangar.model.projects.PipelineView;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Queueing a build, reading it, cancelling it. */
@RestController
class BuildController {

  private final ProjectStore projects;
  private final BuildStore builds;
  private final RequestBodies bodies;

  BuildController(ProjectStore projects, BuildStore builds, RequestBodies bodies) {
    this.projects = projects;
    this.builds = builds;
    this.bodies = bodies;
  }

  @ApiContract(
      summary = "Queue a build of a pipeline",
      access = Access.USER,
      body = CreateBuildRequest.class,
      status = 201,
      problems = ProblemCode.PIPELINE_NOT_FOUND)
  @PostMapping("/v1/pipelines/{pipelineId}/builds")
  BuildView create(
      User user,
      @PathVariable String pipelineId,
      HttpServletRequest request,
      HttpServletResponse response) {
    PipelineView pipeline = projects.requirePipeline(pipelineId);
    BuildView build =
        builds.create(
            projects.requireProject(pipeline.projectId()),
            pipeline,
            bodies.fromUser(request, CreateBuildRequest.class),
            user.id());
    return Answers.created(response, "/v1/builds/" + build.id(), build);
  }

  @ApiContract(
      summary = "A build with its attempts",
      access = Access.USER,
      problems = ProblemCode.BUILD_NOT_FOUND)
  @GetMapping("/v1/builds/{buildId}")
  BuildView get(User user, @PathVariable String buildId) {
    return builds.requireView(buildId);
  }

  @ApiContract(
      summary = "Cancel a build: queued ends at once, leased is flagged",
      access = Access.USER,
      problems = {ProblemCode.BUILD_NOT_FOUND, ProblemCode.INVALID_TRANSITION})
  @PostMapping("/v1/builds/{buildId}/cancel")
  BuildView cancel(User user, @PathVariable String buildId) {
    return builds.cancel(buildId);
  }
}
