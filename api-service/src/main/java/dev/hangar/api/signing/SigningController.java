package dev.hangar.api.signing;

import dev.hangar.api.auth.User;
import dev.hangar.api.openapi.Access;
import dev.hangar.api.openapi.ApiContract;
import dev.hangar.api.openapi.ProblemCode;
import dev.hangar.api.web.Answers;
import dev.hangar.api.web.ApiException;
import dev.hangar.api.web.RequestBodies;
import dev.hangar.engine.EngineException;
import dev.hangar.engine.projects.ProjectStore;
import dev.hangar.engine.runners.AuthenticatedRunner;
import dev.hangar.model.Platform;
import dev.hangar.model.signing.AndroidSigningInfo;
import dev.hangar.model.signing.AndroidSigningUpload;
import dev.hangar.model.signing.IosSigningInfo;
import dev.hangar.model.signing.IosSigningUpload;
import dev.hangar.model.signing.SigningAuditEntry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Pipeline signing material: people upload, inspect (metadata only) and delete it; the runner that
 * holds a job's live lease fetches it, uncached. Everything is audited with the caller's address.
 */
@RestController
class SigningController {

  private final SigningStore store;
  private final ProjectStore projects;
  private final RequestBodies bodies;
  private final IosMaterialCheck iosCheck;

  SigningController(
      SigningStore store, ProjectStore projects, RequestBodies bodies, IosMaterialCheck iosCheck) {
    this.store = store;
    this.projects = projects;
    this.bodies = bodies;
    this.iosCheck = iosCheck;
  }

  @ApiContract(
      summary = "Store a pipeline's Android keystore",
      access = Access.USER,
      body = AndroidSigningUpload.class,
      problems = {ProblemCode.PIPELINE_NOT_FOUND, ProblemCode.PLATFORM_MISMATCH})
  @PutMapping("/v1/pipelines/{pipelineId}/android-signing")
  AndroidSigningInfo putAndroid(
      User user, @PathVariable String pipelineId, HttpServletRequest request) {
    requireFits(pipelineId, SigningKind.ANDROID);
    AndroidSigningUpload upload = bodies.fromUser(request, AndroidSigningUpload.class);
    AndroidSigningInfo info =
        AndroidKeystoreCheck.inspect(upload, store.now().getEpochSecond(), user.id());
    store.put(pipelineId, SigningKind.ANDROID, upload, info, user.id(), Caller.of(request));
    return info;
  }

  @ApiContract(
      summary = "Store a pipeline's iOS certificate and profiles",
      access = Access.USER,
      body = IosSigningUpload.class,
      problems = {ProblemCode.PIPELINE_NOT_FOUND, ProblemCode.PLATFORM_MISMATCH})
  @PutMapping("/v1/pipelines/{pipelineId}/ios-signing")
  IosSigningInfo putIos(User user, @PathVariable String pipelineId, HttpServletRequest request) {
    requireFits(pipelineId, SigningKind.IOS);
    IosSigningUpload upload = bodies.fromUser(request, IosSigningUpload.class);
    IosSigningInfo info = iosCheck.inspect(upload, store.now(), user.id());
    store.put(pipelineId, SigningKind.IOS, upload, info, user.id(), Caller.of(request));
    return info;
  }

  @ApiContract(
      summary = "What Android material is stored (metadata only)",
      access = Access.USER,
      problems = {ProblemCode.PIPELINE_NOT_FOUND, ProblemCode.SIGNING_NOT_CONFIGURED})
  @GetMapping("/v1/pipelines/{pipelineId}/android-signing")
  AndroidSigningInfo android(User user, @PathVariable String pipelineId) {
    projects.requirePipeline(pipelineId);
    return store
        .info(pipelineId, SigningKind.ANDROID, AndroidSigningInfo.class)
        .orElseThrow(() -> notConfigured(SigningKind.ANDROID));
  }

  @ApiContract(
      summary = "What iOS material is stored (metadata only)",
      access = Access.USER,
      problems = {ProblemCode.PIPELINE_NOT_FOUND, ProblemCode.SIGNING_NOT_CONFIGURED})
  @GetMapping("/v1/pipelines/{pipelineId}/ios-signing")
  IosSigningInfo ios(User user, @PathVariable String pipelineId) {
    projects.requirePipeline(pipelineId);
    return store
        .info(pipelineId, SigningKind.IOS, IosSigningInfo.class)
        .orElseThrow(() -> notConfigured(SigningKind.IOS));
  }

  @ApiContract(
      summary = "Delete a pipeline's Android material",
      access = Access.USER,
      status = 204,
      problems = {ProblemCode.PIPELINE_NOT_FOUND, ProblemCode.SIGNING_NOT_CONFIGURED})
  @DeleteMapping("/v1/pipelines/{pipelineId}/android-signing")
  ResponseEntity<Void> deleteAndroid(
      User user, @PathVariable String pipelineId, HttpServletRequest request) {
    return delete(user, pipelineId, SigningKind.ANDROID, request);
  }

  @ApiContract(
      summary = "Delete a pipeline's iOS material",
      access = Access.USER,
      status = 204,
      problems = {ProblemCode.PIPELINE_NOT_FOUND, ProblemCode.SIGNING_NOT_CONFIGURED})
  @DeleteMapping("/v1/pipelines/{pipelineId}/ios-signing")
  ResponseEntity<Void> deleteIos(
      User user, @PathVariable String pipelineId, HttpServletRequest request) {
    return delete(user, pipelineId, SigningKind.IOS, request);
  }

  @ApiContract(
      summary = "Uploads, deletes and releases of a pipeline's material",
      access = Access.USER,
      problems = ProblemCode.PIPELINE_NOT_FOUND)
  @GetMapping("/v1/pipelines/{pipelineId}/signing-audit")
  List<SigningAuditEntry> audit(User user, @PathVariable String pipelineId) {
    projects.requirePipeline(pipelineId);
    return store.audit(pipelineId);
  }

  @ApiContract(
      summary = "The Android material of a job this runner holds",
      access = Access.RUNNER,
      problems = {
        ProblemCode.JOB_NOT_FOUND,
        ProblemCode.NOT_YOUR_JOB,
        ProblemCode.LEASE_LOST,
        ProblemCode.PLATFORM_MISMATCH,
        ProblemCode.SIGNING_NOT_CONFIGURED
      })
  @GetMapping("/v1/runners/{runnerId}/jobs/{jobId}/android-signing")
  AndroidSigningUpload releaseAndroid(
      AuthenticatedRunner runner,
      @PathVariable String jobId,
      HttpServletRequest request,
      HttpServletResponse response) {
    return Answers.uncached(
        response,
        store.release(
            runner, jobId, SigningKind.ANDROID, Caller.of(request), AndroidSigningUpload.class));
  }

  @ApiContract(
      summary = "The iOS material of a job this runner holds",
      access = Access.RUNNER,
      problems = {
        ProblemCode.JOB_NOT_FOUND,
        ProblemCode.NOT_YOUR_JOB,
        ProblemCode.LEASE_LOST,
        ProblemCode.PLATFORM_MISMATCH,
        ProblemCode.SIGNING_NOT_CONFIGURED
      })
  @GetMapping("/v1/runners/{runnerId}/jobs/{jobId}/ios-signing")
  IosSigningUpload releaseIos(
      AuthenticatedRunner runner,
      @PathVariable String jobId,
      HttpServletRequest request,
      HttpServletResponse response) {
    return Answers.uncached(
        response,
        store.release(runner, jobId, SigningKind.IOS, Caller.of(request), IosSigningUpload.class));
  }

  /** Re-seals all stored material under HANGAR_SECRETS_KEY (after a rotation; admin only). */
  @ApiContract(
      summary = "Re-seal all signing material under the current key",
      access = Access.ADMIN)
  @PostMapping("/v1/signing/rotate")
  Map<String, Integer> rotate(User user) {
    if (!user.admin()) {
      throw ApiException.forbidden("admin_required", "only an admin may re-seal signing material");
    }
    return Map.of("resealed", store.rotate());
  }

  private ResponseEntity<Void> delete(
      User user, String pipelineId, SigningKind kind, HttpServletRequest request) {
    projects.requirePipeline(pipelineId);
    if (!store.delete(pipelineId, kind, user.id(), Caller.of(request))) {
      throw notConfigured(kind);
    }
    return ResponseEntity.noContent().build();
  }

  /**
   * Material no runner of the pipeline could ever fetch is refused before the body is read: 409
   * with the fetch side's code, since the body may be fine and it is the pipeline that does not fit
   * it.
   */
  private void requireFits(String pipelineId, SigningKind kind) {
    Platform platform = projects.requirePipeline(pipelineId).platform();
    if (!kind.fits(platform)) {
      throw EngineException.conflict(
          "platform_mismatch",
          kind.wire()
              + " signing is for "
              + kind.platformsInWords()
              + " pipelines; this pipeline builds for "
              + platform.wire());
    }
  }

  private static EngineException notConfigured(SigningKind kind) {
    return EngineException.notFound(
        "signing_not_configured", "the pipeline has no " + kind.wire() + " signing");
  }
}
