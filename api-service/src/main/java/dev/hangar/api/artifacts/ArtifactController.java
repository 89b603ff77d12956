package dev.hangar.api.artifacts;

import dev.hangar.api.auth.User;
import dev.hangar.api.openapi.Access;
import dev.hangar.api.openapi.ApiContract;
import dev.hangar.api.openapi.ProblemCode;
import dev.hangar.api.web.Answers;
import dev.hangar.api.web.ApiException;
import dev.hangar.api.web.RequestBodies;
import dev.hangar.engine.EngineException;
import dev.hangar.engine.artifacts.ArtifactStore;
import dev.hangar.engine.artifacts.StoredArtifact;
import dev.hangar.engine.builds.BuildStore;
import dev.hangar.engine.redis.RedisClock;
import dev.hangar.engine.runners.AuthenticatedRunner;
import dev.hangar.model.artifacts.ArtifactLinkView;
import dev.hangar.model.artifacts.ArtifactList;
import dev.hangar.model.artifacts.ArtifactView;
import dev.hangar.model.artifacts.CreateArtifactLinkRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;

/**
 * Build artifacts (docs/artifacts.md): the runner holding a job uploads its files; people list and
 * download them with a session, or hand out a link that works without one until it expires.
 */
@RestController
class ArtifactController {

  private final ArtifactUploads uploads;
  private final ArtifactDownloads downloads;
  private final ArtifactLinks links;
  private final ArtifactStore artifacts;
  private final BuildStore builds;
  private final RequestBodies bodies;
  private final RedisClock clock;
  private final Duration linkTtl;

  ArtifactController(
      ArtifactUploads uploads,
      ArtifactDownloads downloads,
      ArtifactLinks links,
      ArtifactStore artifacts,
      BuildStore builds,
      RequestBodies bodies,
      RedisClock clock,
      ArtifactSettings settings) {
    this.uploads = uploads;
    this.downloads = downloads;
    this.links = links;
    this.artifacts = artifacts;
    this.builds = builds;
    this.bodies = bodies;
    this.clock = clock;
    this.linkTtl = settings.artifactLinkTtl();
  }

  @ApiContract(
      summary = "Upload an artifact of a job, streamed, with its length and SHA-256",
      access = Access.RUNNER,
      rawBody = {"application/octet-stream"},
      status = 201,
      problems = {
        ProblemCode.VALIDATION_FAILED,
        ProblemCode.CHECKSUM_MISMATCH,
        ProblemCode.INVALID_ARTIFACT_NAME,
        ProblemCode.UPLOAD_INCOMPLETE,
        ProblemCode.JOB_NOT_FOUND,
        ProblemCode.NOT_YOUR_JOB,
        ProblemCode.LEASE_LOST,
        ProblemCode.LENGTH_REQUIRED,
        ProblemCode.ARTIFACT_TOO_LARGE,
        ProblemCode.BUILD_ARTIFACTS_TOO_LARGE,
        ProblemCode.STORAGE_UNAVAILABLE
      })
  @PutMapping("/v1/runners/{runnerId}/jobs/{jobId}/artifacts/{name}")
  ArtifactView upload(
      AuthenticatedRunner runner,
      @PathVariable String jobId,
      @PathVariable String name,
      @RequestParam(name = "attempt", required = false) String attempt,
      HttpServletRequest request,
      HttpServletResponse response) {
    ArtifactView view = uploads.upload(runner, jobId, attempt, name, request);
    return Answers.created(response, location(jobId, name), view);
  }

  @ApiContract(
      summary = "A build's artifacts, by name",
      access = Access.USER,
      problems = {ProblemCode.BUILD_NOT_FOUND})
  @GetMapping("/v1/builds/{buildId}/artifacts")
  ArtifactList list(User user, @PathVariable String buildId) {
    requireBuild(buildId);
    return new ArtifactList(artifacts.list(buildId).stream().map(StoredArtifact::view).toList());
  }

  @ApiContract(
      summary = "Download an artifact: whole, one byte range (206) or not modified (304)",
      access = Access.USER,
      problems = {
        ProblemCode.BUILD_NOT_FOUND,
        ProblemCode.ARTIFACT_NOT_FOUND,
        ProblemCode.RANGE_NOT_SATISFIABLE,
        ProblemCode.STORAGE_UNAVAILABLE
      })
  @GetMapping("/v1/builds/{buildId}/artifacts/{name}")
  void download(
      User user,
      @PathVariable String buildId,
      @PathVariable String name,
      HttpServletRequest request,
      HttpServletResponse response) {
    downloads.serve(requireArtifact(buildId, name), request, response);
  }

  @ApiContract(
      summary = "A download link for an artifact that works without a session until it expires",
      access = Access.USER,
      body = CreateArtifactLinkRequest.class,
      bodyOptional = true,
      status = 201,
      problems = {
        ProblemCode.VALIDATION_FAILED,
        ProblemCode.BUILD_NOT_FOUND,
        ProblemCode.ARTIFACT_NOT_FOUND
      })
  @PostMapping("/v1/builds/{buildId}/artifacts/{name}/link")
  ArtifactLinkView link(
      User user,
      @PathVariable String buildId,
      @PathVariable String name,
      HttpServletRequest request,
      HttpServletResponse response) {
    StoredArtifact artifact = requireArtifact(buildId, name);
    Duration lifetime =
        bodies
            .optionalFromUser(request, CreateArtifactLinkRequest.class)
            .map(CreateArtifactLinkRequest::expiresInSeconds)
            .map(Duration::ofSeconds)
            .orElse(linkTtl);
    long expiresAt = clock.nowMillis() + lifetime.toMillis();
    String url = "/v1/artifact-links/" + links.token(artifact, expiresAt);
    // The link is a credential: no cache may keep the answer that carries it.
    return Answers.uncached(
        response, Answers.created(response, url, new ArtifactLinkView(url, expiresAt / 1000)));
  }

  /** No session: the token is the credential. */
  @ApiContract(
      summary = "Download an artifact through a link",
      access = Access.ANYONE,
      problems = {
        ProblemCode.LINK_NOT_FOUND,
        ProblemCode.LINK_EXPIRED,
        ProblemCode.ARTIFACT_NOT_FOUND,
        ProblemCode.RANGE_NOT_SATISFIABLE,
        ProblemCode.STORAGE_UNAVAILABLE
      })
  @GetMapping("/v1/artifact-links/{token}")
  void linked(
      @PathVariable String token, HttpServletRequest request, HttpServletResponse response) {
    ArtifactLinks.Link link = links.verify(token);
    if (clock.nowMillis() >= link.expiresAt()) {
      throw new ApiException(
          HttpStatus.GONE, "link_expired", "the download link expired; ask for a new one");
    }
    StoredArtifact artifact =
        artifacts
            .find(link.buildId(), link.name())
            .filter(a -> a.sha256().equals(link.sha256()))
            .orElseThrow(() -> ArtifactDownloads.notFound(link.buildId(), link.name()));
    downloads.serve(artifact, request, response);
  }

  private void requireBuild(String buildId) {
    if (builds.record(buildId).isEmpty()) {
      throw EngineException.notFound("build_not_found", "no build " + buildId);
    }
  }

  private StoredArtifact requireArtifact(String buildId, String name) {
    requireBuild(buildId);
    return artifacts
        .find(buildId, name)
        .orElseThrow(() -> ArtifactDownloads.notFound(buildId, name));
  }

  /** With {@code ;} encoded too: raw, it would end the segment for the router (see uploads). */
  private static String location(String buildId, String name) {
    return "/v1/builds/"
        + buildId
        + "/artifacts/"
        + UriUtils.encodePathSegment(name, StandardCharsets.UTF_8).replace(";", "%3B");
  }
}
