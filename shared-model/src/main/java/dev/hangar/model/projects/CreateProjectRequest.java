package dev.hangar.model.projects;

import dev.hangar.model.validation.Validated;
import dev.hangar.model.validation.Violations;
import java.util.regex.Pattern;

/**
 * A project.
 *
 * @param retentionDays how many days its builds' logs and artifacts are kept once a build ended;
 *     null for the global default (HANGAR_RETENTION)
 */
public record CreateProjectRequest(String name, String repositoryUrl, Integer retentionDays)
    implements Validated {

  /** Ten years: longer is forever in practice, and the expiry still fits a Redis score exactly. */
  public static final int MAX_RETENTION_DAYS = 3650;

  /** https/http/ssh/git URLs, or scp-like {@code git@host:org/repo.git}. */
  private static final Pattern REPOSITORY =
      Pattern.compile("((https?|ssh|git)://[^\\s]+|[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:[^\\s]+)");

  @Override
  public void validate(Violations v) {
    v.required("name", name);
    v.maxLength("name", name, 100);
    v.required("repository_url", repositoryUrl);
    v.maxLength("repository_url", repositoryUrl, 2048);
    if (repositoryUrl != null
        && !repositoryUrl.isBlank()
        && !REPOSITORY.matcher(repositoryUrl).matches()) {
      v.add("repository_url", "must be an https, ssh or git URL, or git@host:path");
    }
    if (retentionDays != null && (retentionDays < 1 || retentionDays > MAX_RETENTION_DAYS)) {
      v.add(
          "retention_days",
          "must be a whole number of days from 1 to "
              + MAX_RETENTION_DAYS
              + ", or absent for the global default");
    }
  }
}
