package dev.hangar.api.support;

import java.util.List;
import java.util.Map;

/** Builders for the things most tests need, made through the REST API as a person would. */
public final class Given {

  private final ApiClient api;
  private final String admin;

  public Given(ApiClient api) {
    this.api = api;
    this.admin = api.loginAdmin();
  }

  public String adminToken() {
    return admin;
  }

  public String project() {
    return api.post(
            "/v1/projects",
            admin,
            Map.of("name", "app", "repository_url", "https://git.example.com/app.git"))
        .expect(201)
        .text("id");
  }

  /**
   * A pipeline with requirements, e.g. {@code pipeline(project, "ios", List.of("m2"),
   * Map.of("xcode", "16"))}.
   */
  public String pipeline(
      String projectId, String platform, List<String> labels, Map<String, String> tools) {
    return api.post(
            "/v1/projects/" + projectId + "/pipelines",
            admin,
            Map.of(
                "name",
                platform + "-pipeline",
                "platform",
                platform,
                "labels",
                labels,
                "tools",
                tools,
                "config",
                Map.of("flavor", "prod")))
        .expect(201)
        .text("id");
  }

  public String pipeline(String platform) {
    return pipeline(project(), platform, List.of(), Map.of());
  }

  public String build(String pipelineId) {
    return build(pipelineId, "normal");
  }

  public String build(String pipelineId, String priority) {
    return api.post(
            "/v1/pipelines/" + pipelineId + "/builds",
            admin,
            Map.of("commit_sha", "a1b2c3d4e5f6", "branch", "main", "priority", priority))
        .expect(201)
        .text("id");
  }

  public Runner runner(
      List<String> platforms, Map<String, String> tools, List<String> labels, int capacity) {
    ApiClient.Response registered =
        api.post(
                "/v1/runners/register",
                admin,
                Map.of(
                    "name",
                    "runner",
                    "capabilities",
                    Map.of(
                        "platforms",
                        platforms,
                        "tools",
                        tools,
                        "labels",
                        labels,
                        "capacity",
                        capacity)))
            .expect(200);
    return new Runner(registered.text("id"), registered.text("token"));
  }

  public Runner runner(String... platforms) {
    return runner(List.of(platforms), Map.of(), List.of(), 1);
  }

  /** A registered runner: its id and the token that authorises its own endpoints. */
  public record Runner(String id, String token) {
    public String path(String suffix) {
      return "/v1/runners/" + id + suffix;
    }
  }
}
