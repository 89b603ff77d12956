package dev.hangar.model.artifacts;

import java.util.List;

/** {@code GET /v1/builds/{id}/artifacts}: the build's artifacts, sorted by name. */
public record ArtifactList(List<ArtifactView> artifacts) {

  public ArtifactList {
    artifacts = List.copyOf(artifacts);
  }
}
