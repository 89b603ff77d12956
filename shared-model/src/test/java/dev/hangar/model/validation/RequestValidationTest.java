package dev.hangar.model.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.model.BuildStatus;
import dev.hangar.model.Capabilities;
import dev.hangar.model.Platform;
import dev.hangar.model.Priority;
import dev.hangar.model.builds.CreateBuildRequest;
import dev.hangar.model.projects.CreatePipelineRequest;
import dev.hangar.model.projects.CreateProjectRequest;
import dev.hangar.model.runners.RegisterRunnerRequest;
import dev.hangar.model.runners.StatusUpdate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each request names the wire field at fault, so a client can fix it without guessing. */
class RequestValidationTest {

  private static List<String> fields(Validated request) {
    return Violations.of(request).stream().map(Violation::field).toList();
  }

  @Test
  void runnerCapabilities() {
    Capabilities bad =
        new Capabilities(
            List.of(Platform.IOS), Map.of("xcode", "latest", "Bad Tool", "1"), List.of("M2"), 0);
    assertThat(fields(new RegisterRunnerRequest("x".repeat(101), bad)))
        .contains(
            "name",
            "capabilities.capacity",
            "capabilities.labels[0]",
            "capabilities.tools",
            "capabilities.tools.xcode");
    assertThat(fields(new RegisterRunnerRequest(null, null))).isEmpty();
  }

  @Test
  void pipelineRequirements() {
    assertThat(
            fields(
                new CreatePipelineRequest(
                    null, null, List.of("ok", "NOT ok"), Map.of("xcode", "16-beta"), null)))
        .containsExactlyInAnyOrder("name", "platform", "labels[1]", "tools.xcode");
    assertThat(
            fields(
                new CreatePipelineRequest(
                    "ios", Platform.IOS, null, Map.of("xcode", "16"), Map.of())))
        .isEmpty();
  }

  @Test
  void buildsAndProjects() {
    assertThat(fields(new CreateBuildRequest("xyz", "bad branch", Priority.HIGH)))
        .containsExactlyInAnyOrder("commit_sha", "branch");
    assertThat(fields(new CreateBuildRequest("a1b2c3d", "feature/login..x", null)))
        .containsExactly("branch");
    assertThat(fields(new CreateBuildRequest("a1b2c3d", "feature/login", null))).isEmpty();
    assertThat(fields(new CreateProjectRequest("app", "not a url", null)))
        .containsExactly("repository_url");
    assertThat(fields(new CreateProjectRequest("app", "git@git.example.com:org/app.git", null)))
        .isEmpty();
    String url = "https://git.example.com/app.git";
    for (int days : new int[] {0, -1, 3651, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
      assertThat(fields(new CreateProjectRequest("app", url, days)))
          .as("%d days", days)
          .containsExactly("retention_days");
    }
    for (int days : new int[] {1, 30, 3650}) {
      assertThat(fields(new CreateProjectRequest("app", url, days))).as("%d days", days).isEmpty();
    }
  }

  @Test
  void statusUpdates() {
    assertThat(
            fields(
                new StatusUpdate(
                    BuildStatus.QUEUED, 0, null, null, new StatusUpdate.Progress(null, 101), null)))
        .containsExactlyInAnyOrder("status", "attempt", "progress.percent");
    assertThat(fields(new StatusUpdate(null, null, null, null, null, null)))
        .containsExactly("status");
  }
}
