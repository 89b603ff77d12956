package dev.hangar.model.projects;

import dev.hangar.model.validation.Validated;
import dev.hangar.model.validation.Violations;
import java.util.regex.Pattern;

public record CreateProjectRequest(String name, String repositoryUrl) implements Validated {

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
  }
}
