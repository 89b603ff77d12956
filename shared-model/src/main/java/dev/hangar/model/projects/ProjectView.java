package dev.hangar.model.projects;

/**
 * A project as stored and shown.
 *
 * @param retentionDays days its builds' logs and artifacts are kept once a build ended; null when
 *     the global default (HANGAR_RETENTION) applies
 * @param updatedAt when it last changed; its creation time until then, and for a project stored
 *     before projects could change
 */
public record ProjectView(
    String id,
    String name,
    String repositoryUrl,
    Integer retentionDays,
    String createdBy,
    long createdAt,
    long updatedAt) {

  public ProjectView {
    updatedAt = updatedAt == 0 ? createdAt : updatedAt;
  }
}
