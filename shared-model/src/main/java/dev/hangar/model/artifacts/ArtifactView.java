package dev.hangar.model.artifacts;

/**
 * One stored artifact of a build, as listed by {@code GET /v1/builds/{id}/artifacts}.
 *
 * @param createdAt Unix seconds, as every Hangar timestamp
 * @param attempt the attempt whose runner uploaded it
 */
public record ArtifactView(
    String name, long size, String sha256, String contentType, long createdAt, int attempt) {}
