package dev.hangar.model.artifacts;

import dev.hangar.model.validation.Validated;
import dev.hangar.model.validation.Violations;

/**
 * The optional body of {@code POST /v1/builds/{id}/artifacts/{name}/link}.
 *
 * @param expiresInSeconds how long the link works; null for the server's HANGAR_ARTIFACT_LINK_TTL
 */
public record CreateArtifactLinkRequest(Long expiresInSeconds) implements Validated {

  /** Seven days: a link is a bearer credential for a file and should not outlive a week. */
  public static final long MAX_SECONDS = 7 * 24 * 3600;

  @Override
  public void validate(Violations v) {
    if (expiresInSeconds != null && (expiresInSeconds < 1 || expiresInSeconds > MAX_SECONDS)) {
      v.add("expires_in_seconds", "must be between 1 and " + MAX_SECONDS + " (7 days)");
    }
  }
}
