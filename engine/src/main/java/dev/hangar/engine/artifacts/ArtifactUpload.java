package dev.hangar.engine.artifacts;

/**
 * One upload of an artifact by the runner holding a build's lease, as far as the engine needs it.
 *
 * @param uploadId names the upload's reservation and its blob, so a failed or replaced upload never
 *     touches another's
 */
public record ArtifactUpload(
    String runnerId, String buildId, int attempt, String name, long size, String uploadId) {

  /** Where the upload's bytes are kept: under the build, so a build's blobs go in one delete. */
  public String blob() {
    return ArtifactStore.prefix(buildId) + "/" + uploadId;
  }
}
