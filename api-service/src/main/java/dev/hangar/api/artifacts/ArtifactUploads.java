package dev.hangar.api.artifacts;

import dev.hangar.api.web.ApiException;
import dev.hangar.api.web.AttemptParameter;
import dev.hangar.api.web.ValidationFailedException;
import dev.hangar.engine.EngineException;
import dev.hangar.engine.artifacts.ArtifactOutcome;
import dev.hangar.engine.artifacts.ArtifactStore;
import dev.hangar.engine.artifacts.ArtifactUpload;
import dev.hangar.engine.artifacts.StoredArtifact;
import dev.hangar.engine.builds.BuildStore;
import dev.hangar.engine.runners.AuthenticatedRunner;
import dev.hangar.engine.storage.BlobStore;
import dev.hangar.engine.storage.PendingBlob;
import dev.hangar.engine.support.Ids;
import dev.hangar.model.artifacts.ArtifactName;
import dev.hangar.model.artifacts.ArtifactView;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Takes an artifact from the runner holding its build (docs/artifacts.md). Everything that can be
 * refused from the request line and headers is refused before a byte of the body is read: the name,
 * the size (Content-Length is required so the limits can), the lease and the room left in the
 * build, reserved atomically. The body then streams straight into a pending blob while it is
 * hashed, never whole in memory; only a body that arrived whole with the announced SHA-256 is
 * committed, and only a committed blob is listed, after the lease and the limit are checked again
 * in the same step as the listing. Whatever fails leaves neither a file nor a reservation.
 */
@Component
class ArtifactUploads {

  static final String CHECKSUM = "Hangar-Content-SHA256";

  private static final Logger log = LoggerFactory.getLogger(ArtifactUploads.class);
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final int BUFFER = 64 * 1024;

  private final ArtifactStore artifacts;
  private final BlobStore blobs;
  private final long maxSize;
  private final long maxBuildSize;

  ArtifactUploads(ArtifactStore artifacts, BlobStore blobs, ArtifactSettings settings) {
    this.artifacts = artifacts;
    this.blobs = blobs;
    this.maxSize = settings.artifactMaxSize().toBytes();
    this.maxBuildSize = settings.artifactMaxBuildSize().toBytes();
  }

  ArtifactView upload(
      AuthenticatedRunner runner,
      String jobId,
      String attempt,
      String name,
      HttpServletRequest request) {
    // The id becomes part of a key and a blob path.
    if (!Ids.looksLike("build", jobId)) {
      throw BuildStore.jobNotFound();
    }
    int named = AttemptParameter.required(attempt);
    // Spring reads a raw ; in a path as the start of matrix parameters and would cut the name
    // there.
    if (request.getRequestURI().indexOf(';') >= 0) {
      throw ApiException.badRequest(
          "invalid_artifact_name", "a ; in the name must be sent percent-encoded, as %3B");
    }
    ArtifactName.problem(name)
        .ifPresent(
            problem -> {
              throw ApiException.badRequest("invalid_artifact_name", "the name " + problem);
            });
    long size = request.getContentLengthLong();
    if (size < 0) {
      throw new ApiException(
          HttpStatus.LENGTH_REQUIRED,
          "length_required",
          "send the artifact with a Content-Length, not chunked: its size is checked before it is"
              + " read");
    }
    String checksum = request.getHeader(CHECKSUM);
    if (checksum == null || !SHA256.matcher(checksum).matches()) {
      throw ValidationFailedException.of(
          CHECKSUM, "is required: the SHA-256 of the body as 64 lowercase hexadecimal digits");
    }
    if (size > maxSize) {
      throw new ApiException(
          HttpStatus.CONTENT_TOO_LARGE,
          "artifact_too_large",
          "the artifact is "
              + size
              + " bytes; HANGAR_ARTIFACT_MAX_SIZE allows at most "
              + maxSize
              + " per artifact");
    }
    ArtifactUpload upload =
        new ArtifactUpload(runner.id(), jobId, named, name, size, Ids.next("upload"));
    ArtifactOutcome reserved = artifacts.reserve(upload, maxBuildSize);
    if (!(reserved instanceof ArtifactOutcome.Reserved)) {
      throw refusal(reserved, upload);
    }
    boolean recorded = false;
    // A committed blob no listing names: deleted unless the listing takes it.
    boolean orphan = false;
    try {
      store(upload, checksum, request);
      orphan = true;
      ArtifactOutcome outcome =
          artifacts.record(upload, checksum, ArtifactContentType.of(name), maxBuildSize);
      recorded = true;
      if (!(outcome instanceof ArtifactOutcome.Recorded listed)) {
        throw refusal(outcome, upload);
      }
      orphan = false;
      if (!listed.replacedBlob().isEmpty()) {
        deleteQuietly(listed.replacedBlob());
      }
      return new StoredArtifact(
              upload.buildId(),
              name,
              size,
              checksum,
              ArtifactContentType.of(name),
              listed.createdAt(),
              named,
              upload.blob())
          .view();
    } finally {
      if (orphan) {
        deleteQuietly(upload.blob());
      }
      if (!recorded) {
        artifacts.release(upload);
      }
    }
  }

  /** Streams exactly Content-Length bytes into a pending blob and commits it if they hash right. */
  private void store(ArtifactUpload upload, String checksum, HttpServletRequest request) {
    MessageDigest sha = sha256();
    try (PendingBlob blob = blobs.create(upload.blob())) {
      copy(request, blob.out(), upload.size(), sha);
      String actual = HexFormat.of().formatHex(sha.digest());
      if (!actual.equals(checksum)) {
        throw ApiException.badRequest(
            "checksum_mismatch",
            "the body's SHA-256 is "
                + actual
                + ", not the "
                + CHECKSUM
                + " sent; nothing was kept, upload it again");
      }
      blob.commit();
    } catch (IOException e) {
      throw storageFailure(e);
    }
  }

  private static void copy(
      HttpServletRequest request, OutputStream out, long size, MessageDigest sha)
      throws IOException {
    byte[] buffer = new byte[BUFFER];
    long received = 0;
    InputStream in = request.getInputStream();
    while (received < size) {
      int n;
      try {
        n = in.read(buffer, 0, (int) Math.min(buffer.length, size - received));
      } catch (IOException clientGone) {
        n = -1;
      }
      if (n < 0) {
        throw ApiException.badRequest(
            "upload_incomplete",
            "the body ended after "
                + received
                + " of the "
                + size
                + " bytes Content-Length announced; nothing was kept");
      }
      sha.update(buffer, 0, n);
      out.write(buffer, 0, n);
      received += n;
    }
  }

  private RuntimeException refusal(ArtifactOutcome outcome, ArtifactUpload upload) {
    return switch (outcome) {
      case ArtifactOutcome.BuildFull full ->
          new ApiException(
              HttpStatus.CONTENT_TOO_LARGE,
              "build_artifacts_too_large",
              "the build's artifacts take "
                  + full.taken()
                  + " bytes; "
                  + upload.size()
                  + " more would pass HANGAR_ARTIFACT_MAX_BUILD_SIZE ("
                  + maxBuildSize
                  + " bytes)");
      case ArtifactOutcome.Refused refused -> leaseRefusal(upload.buildId(), refused);
      case ArtifactOutcome.Reserved ok -> new IllegalStateException("not a refusal: " + ok);
      case ArtifactOutcome.Recorded ok -> new IllegalStateException("not a refusal: " + ok);
    };
  }

  private static EngineException leaseRefusal(String jobId, ArtifactOutcome.Refused refused) {
    String code = refused.refusal().code();
    return switch (refused.refusal()) {
      case JOB_NOT_FOUND -> BuildStore.jobNotFound();
      case NOT_YOUR_JOB -> EngineException.forbidden(code, jobId + " is not leased to this runner");
      case LEASE_LOST -> EngineException.conflict(code, refused.detail());
    };
  }

  private void deleteQuietly(String blob) {
    try {
      blobs.delete(blob);
    } catch (IOException e) {
      log.warn("cannot delete the artifact blob {}: {}", blob, e.toString());
    }
  }

  private static ApiException storageFailure(IOException e) {
    log.warn("cannot store an artifact: {}", e.toString());
    return new ApiException(
        HttpStatus.SERVICE_UNAVAILABLE,
        "storage_unavailable",
        "the artifact could not be stored; retry shortly");
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
