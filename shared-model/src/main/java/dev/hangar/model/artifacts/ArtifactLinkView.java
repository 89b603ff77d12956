package dev.hangar.model.artifacts;

/**
 * A download link for one artifact that works without a session until it expires.
 *
 * @param url the path to {@code GET}, relative to the server: {@code /v1/artifact-links/<token>}
 * @param expiresAt Unix seconds, as every Hangar timestamp
 */
public record ArtifactLinkView(String url, long expiresAt) {}
