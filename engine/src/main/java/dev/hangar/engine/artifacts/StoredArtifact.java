package dev.hangar.engine.artifacts;

import dev.hangar.model.artifacts.ArtifactView;

/**
 * An artifact as the engine keeps it: what is listed, and the key of its blob in the {@link
 * dev.hangar.engine.storage.BlobStore}, which is never shown to clients.
 *
 * @param createdAt epoch milliseconds, by Redis's clock
 */
public record StoredArtifact(
    String buildId,
    String name,
    long size,
    String sha256,
    String contentType,
    long createdAt,
    int attempt,
    String blob) {

  public ArtifactView view() {
    return new ArtifactView(name, size, sha256, contentType, createdAt / 1000, attempt);
  }
}
