package dev.hangar.api.builds;

import dev.hangar.api.auth.User;
import dev.hangar.api.openapi.Access;
import dev.hangar.api.openapi.ApiContract;
import dev.hangar.api.openapi.ProblemCode;
import dev.hangar.api.web.Answers;
import dev.hangar.api.web.ApiException;
import dev.hangar.api.web.RequestBodies;
import dev.hangar.engine.EngineException;
import dev.hangar.engine.builds.BuildListing;
import dev.hangar.engine.builds.BuildPage;
import dev.hangar.engine.builds.BuildStore;
import dev.hangar.engine.projects.ProjectStore;
import dev.hangar.model.builds.BuildList;
import dev.hangar.model.builds.BuildView;
import dev.hangar.model.builds.CreateBuildRequest;
import dev.hangar.model.projects.PipelineView;
import dev.hangar.model.validation.Names;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Queueing a build, reading it, listing builds, cancelling one, running one again. */
@RestController
class BuildController {

  private final ProjectStore projects;
  private final BuildStore builds;
  private final BuildListing listing;
  private final RequestBodies bodies;

  BuildController(
      ProjectStore projects, BuildStore builds, BuildListing listing, RequestBodies bodies) {
    this.projects = projects;
    this.builds = builds;
    this.listing = listing;
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

  /**
   * Newest first across every project. A filter naming a project or pipeline that does not exist
   * (or no longer does) is refused as a bad parameter rather than answered with an empty page.
   */
  @ApiContract(
      summary =
          "Builds of every project, newest first: status (comma list), project, pipeline, branch,"
              + " limit 1-500, cursor",
      access = Access.USER,
      problems = ProblemCode.INVALID_PARAMETER)
  @GetMapping("/v1/builds")
  BuildList list(
      User user,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String project,
      @RequestParam(required = false) String pipeline,
      @RequestParam(required = false) String branch,
      @RequestParam(required = false) String limit,
      @RequestParam(required = false) String cursor) {
    BuildQuery query = BuildQuery.of(status, project, pipeline, branch, limit, cursor);
    if (query.filter().projectId() != null && projects.project(project).isEmpty()) {
      throw unknown("project", project);
    }
    BuildPage page;
    if (query.filter().pipelineId() != null) {
      PipelineView named = existing(pipeline);
      page =
          query.contradicts(named.projectId())
              ? BuildListing.empty()
              : listing.page(query.filter(), query.after(), query.limit());
    } else {
      page = listing.page(query.filter(), query.after(), query.limit());
    }
    return new BuildList(page.builds(), BuildCursor.encode(page.next()));
  }

  @ApiContract(
      summary = "Queue the build again: same pipeline, commit, branch, priority; current settings",
      access = Access.USER,
      status = 201,
      problems = {ProblemCode.BUILD_NOT_FOUND, ProblemCode.PIPELINE_NOT_FOUND})
  @PostMapping("/v1/builds/{buildId}/rerun")
  BuildView rerun(User user, @PathVariable String buildId, HttpServletResponse response) {
    BuildView original = builds.requireView(buildId);
    PipelineView pipeline = projects.requirePipeline(original.pipelineId());
    EngineException gone =
        EngineException.notFound("pipeline_not_found", "no pipeline " + pipeline.id());
    BuildView build =
        builds.create(
            projects.project(pipeline.projectId()).orElseThrow(() -> gone),
            pipeline,
            new CreateBuildRequest(original.commitSha(), original.branch(), original.priority()),
            user.id(),
            original.id());
    return Answers.created(response, "/v1/builds/" + build.id(), build);
  }

  private PipelineView existing(String pipelineId) {
    try {
      return projects.requirePipeline(pipelineId);
    } catch (EngineException notFound) {
      throw unknown("pipeline", pipelineId);
    }
  }

  private static ApiException unknown(String parameter, String id) {
    return ApiException.badRequest(
        "invalid_parameter", parameter + " names no " + parameter + ": " + Names.clip(id));
  }
}
