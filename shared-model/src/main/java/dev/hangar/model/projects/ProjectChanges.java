package dev.hangar.model.projects;

/**
 * The body of {@code PATCH /v1/projects/{id}}, as the API describes it: every field optional, sent
 * fields replace the project's, {@code retention_days: null} returns to the global default. The
 * result is validated as {@link CreateProjectRequest}.
 */
public record ProjectChanges(String name, String repositoryUrl, Integer retentionDays) {}
