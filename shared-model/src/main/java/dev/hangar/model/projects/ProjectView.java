package dev.hangar.model.projects;

/**
 * A project as stored and shown.
 *
 * @param retentionDays days its builds' logs and artifacts are kept once a build ended; null when
 *     the global default (HANGAR_RETENTION) applies
 */
public record ProjectView(
    String id,
    String name,
    String repositoryUrl,
    Integer retentionDays,
    String createdBy,
    long createdAt) {}
