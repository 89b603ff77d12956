package dev.hangar.model.builds;

import dev.hangar.model.Priority;
import dev.hangar.model.validation.Validated;
import dev.hangar.model.validation.Violations;
import java.util.regex.Pattern;

public record CreateBuildRequest(String commitSha, String branch, Priority priority)
    implements Validated {

  private static final Pattern SHA = Pattern.compile("[0-9a-fA-F]{7,64}");

  /** The characters git allows in a ref name, without the sequences it forbids. */
  private static final Pattern BRANCH = Pattern.compile("[^\\x00-\\x20\\x7f~^:?*\\[\\\\]{1,255}");

  public CreateBuildRequest {
    priority = priority == null ? Priority.NORMAL : priority;
  }

  @Override
  public void validate(Violations v) {
    v.required("commit_sha", commitSha);
    if (commitSha != null && !commitSha.isBlank() && !SHA.matcher(commitSha).matches()) {
      v.add("commit_sha", "must be 7 to 64 hexadecimal characters");
    }
    v.required("branch", branch);
    if (branch != null
        && !branch.isBlank()
        && (!BRANCH.matcher(branch).matches() || branch.contains(".."))) {
      v.add("branch", "must be a valid git branch name of at most 255 characters");
    }
  }
}
