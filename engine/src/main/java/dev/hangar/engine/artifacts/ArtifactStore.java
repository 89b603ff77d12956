package dev.hangar.engine.artifacts;

import dev.hangar.engine.redis.Keys;
import dev.hangar.engine.retention.ExpiringBuildData;
import dev.hangar.engine.storage.BlobStore;
import dev.hangar.engine.support.EngineJson;
import java.io.IOException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * A build's artifacts: their listing in Redis (name, size, checksum, content type, when, by which
 * attempt) and the room they take against the build's limit, kept by Lua scripts; their bytes in
 * the {@link BlobStore} under {@code artifacts/<build id>/}. An artifact is listed only once its
 * blob is committed, so whatever is listed can be read.
 */
@Component
public class ArtifactStore implements ExpiringBuildData {

  /**
   * How long an upload's reservation holds without a record or a release: only an upload whose
   * instance died leaves one that long, and an upload slower than this is still checked against the
   * limit when it is recorded.
   */
  static final Duration RESERVATION_HOLD = Duration.ofHours(6);

  private final StringRedisTemplate redis;
  private final Keys keys;
  private final ReserveArtifactScript reserveScript;
  private final RecordArtifactScript recordScript;
  private final ReleaseArtifactScript releaseScript;
  private final ForgetArtifactsScript forgetScript;
  private final BlobStore blobs;

  public ArtifactStore(
      StringRedisTemplate redis,
      Keys keys,
      ReserveArtifactScript reserveScript,
      RecordArtifactScript recordScript,
      ReleaseArtifactScript releaseScript,
      ForgetArtifactsScript forgetScript,
      BlobStore blobs) {
    this.redis = redis;
    this.keys = keys;
    this.reserveScript = reserveScript;
    this.recordScript = recordScript;
    this.releaseScript = releaseScript;
    this.forgetScript = forgetScript;
    this.blobs = blobs;
  }

  /** The prefix of every blob of a build's artifacts. */
  public static String prefix(String buildId) {
    return "artifacts/" + buildId;
  }

  /** Checks the lease and reserves the upload's size against the build's limit. */
  public ArtifactOutcome reserve(ArtifactUpload upload, long maxBuildBytes) {
    return reserveScript.run(upload, maxBuildBytes, RESERVATION_HOLD);
  }

  /**
   * Lists an upload whose blob is committed, if the lease and the limit still allow it; ends its
   * reservation either way.
   */
  public ArtifactOutcome record(
      ArtifactUpload upload, String sha256, String contentType, long maxBuildBytes) {
    return recordScript.run(upload, sha256, contentType, maxBuildBytes);
  }

  /** Ends the reservation of an upload that will not be recorded. */
  public void release(ArtifactUpload upload) {
    releaseScript.run(upload);
  }

  /** The build's artifacts by name. */
  public List<StoredArtifact> list(String buildId) {
    Map<Object, Object> entries = redis.opsForHash().entries(keys.artifacts(buildId));
    return entries.entrySet().stream()
        .map(e -> entry(buildId, (String) e.getKey(), (String) e.getValue()))
        .sorted(Comparator.comparing(StoredArtifact::name))
        .toList();
  }

  public Optional<StoredArtifact> find(String buildId, String name) {
    Object json = redis.opsForHash().get(keys.artifacts(buildId), name);
    return Optional.ofNullable(json).map(j -> entry(buildId, name, (String) j));
  }

  /**
   * Deletes every artifact of the build, as retention or a deleted project asks: unlisted first, so
   * nothing listed is ever missing.
   */
  @Override
  public void expire(String buildId) throws IOException {
    forgetScript.run(buildId);
    blobs.deleteAll(prefix(buildId));
  }

  /** The JSON {@code record_artifact.lua} stores per name. */
  private record Entry(
      long size, String sha256, String contentType, long createdAt, int attempt, String blob) {}

  private static StoredArtifact entry(String buildId, String name, String json) {
    Entry e = EngineJson.read(json, Entry.class);
    return new StoredArtifact(
        buildId, name, e.size(), e.sha256(), e.contentType(), e.createdAt(), e.attempt(), e.blob());
  }
}
