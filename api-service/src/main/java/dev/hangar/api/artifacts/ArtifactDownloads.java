package dev.hangar.api.artifacts;

import dev.hangar.api.web.ApiException;
import dev.hangar.engine.EngineException;
import dev.hangar.engine.artifacts.StoredArtifact;
import dev.hangar.engine.storage.BlobStore;
import dev.hangar.engine.storage.NoSuchBlobException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Serves an artifact's bytes, the same way whether asked with a session or through a link: streamed
 * from the blob store with its length, its SHA-256 as a strong ETag (so {@code If-None-Match}
 * answers 304 and {@code If-Range} is safe), one byte range at a time, always as an attachment that
 * browsers save and never render.
 */
@Component
class ArtifactDownloads {

  private static final Logger log = LoggerFactory.getLogger(ArtifactDownloads.class);
  private static final int BUFFER = 64 * 1024;

  private final BlobStore blobs;

  ArtifactDownloads(BlobStore blobs) {
    this.blobs = blobs;
  }

  void serve(StoredArtifact artifact, HttpServletRequest request, HttpServletResponse response) {
    String etag = "\"" + artifact.sha256() + "\"";
    if (anyMatches(request.getHeader(HttpHeaders.IF_NONE_MATCH), etag)) {
      response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
      response.setHeader(HttpHeaders.ETAG, etag);
      response.setHeader(HttpHeaders.CACHE_CONTROL, "private, no-cache");
      return;
    }
    long size = artifact.size();
    String ifRange = request.getHeader(HttpHeaders.IF_RANGE);
    RangeRequest range =
        ifRange == null || ifRange.trim().equals(etag)
            ? RangeRequest.of(request.getHeader(HttpHeaders.RANGE), size)
            : new RangeRequest.Whole();
    RangeRequest.Part part =
        switch (range) {
          case RangeRequest.Part asked -> asked;
          case RangeRequest.Whole whole -> new RangeRequest.Part(0, size);
          case RangeRequest.Unsatisfiable unsatisfiable -> throw unsatisfiable(size);
        };
    InputStream in = open(artifact, part);
    try (in) {
      response.setStatus(
          range instanceof RangeRequest.Part
              ? HttpServletResponse.SC_PARTIAL_CONTENT
              : HttpServletResponse.SC_OK);
      if (range instanceof RangeRequest.Part) {
        response.setHeader(
            HttpHeaders.CONTENT_RANGE, "bytes " + part.start() + "-" + part.end() + "/" + size);
      }
      response.setContentType(artifact.contentType());
      response.setContentLengthLong(part.length());
      response.setHeader(HttpHeaders.ETAG, etag);
      response.setHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
      response.setHeader(HttpHeaders.CONTENT_DISPOSITION, AttachmentHeader.of(artifact.name()));
      response.setHeader(HttpHeaders.CACHE_CONTROL, "private, no-cache");
      // Defence in depth beside the content type table: never sniffed, never run as a page.
      response.setHeader("X-Content-Type-Options", "nosniff");
      response.setHeader("Content-Security-Policy", "sandbox");
      copy(in, response.getOutputStream());
    } catch (IOException clientGone) {
      // The client stopped reading (or the disk failed mid-file): the answer cannot be mended.
      log.debug("artifact download ended early: {}", clientGone.toString());
    }
  }

  private InputStream open(StoredArtifact artifact, RangeRequest.Part part) {
    try {
      return blobs.read(artifact.blob(), part.start(), part.length());
    } catch (NoSuchBlobException deletedMeanwhile) {
      throw notFound(artifact.buildId(), artifact.name());
    } catch (IOException e) {
      log.warn("cannot read an artifact: {}", e.toString());
      throw new ApiException(
          HttpStatus.SERVICE_UNAVAILABLE,
          "storage_unavailable",
          "the artifact could not be read; retry shortly");
    }
  }

  static EngineException notFound(String buildId, String name) {
    return EngineException.notFound(
        "artifact_not_found", "build " + buildId + " has no artifact of that name");
  }

  private static void copy(InputStream in, OutputStream out) throws IOException {
    byte[] buffer = new byte[BUFFER];
    for (int n; (n = in.read(buffer)) > 0; ) {
      out.write(buffer, 0, n);
    }
    out.flush();
  }

  private static ApiException unsatisfiable(long size) {
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.CONTENT_RANGE, "bytes */" + size);
    return new ApiException(
        HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
        "range_not_satisfiable",
        "the artifact is " + size + " bytes long; ask for a range that starts before its end",
        headers,
        Map.of());
  }

  /** {@code If-None-Match}: {@code *} or a list of entity tags, compared weakly (RFC 9110). */
  private static boolean anyMatches(String header, String etag) {
    if (header == null) {
      return false;
    }
    for (String tag : header.split(",")) {
      String t = tag.trim();
      if (t.equals("*") || t.equals(etag) || t.equals("W/" + etag)) {
        return true;
      }
    }
    return false;
  }
}
