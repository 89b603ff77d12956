package dev.hangar.api.support;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Builders for the things most tests need, made through the REST API as a person would. */
public final class Given {

  private static final AtomicInteger LANES = new AtomicInteger();

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

  /**
   * A build claimed by a runner and reported running: a job that may log, upload and report. Its
   * pipeline and runner share a label of their own, so no other test's runner can take the build.
   */
  public RunningJob runningJob() {
    String lane = "lane" + LANES.incrementAndGet();
    String pipeline = pipeline(project(), "android", List.of(lane), Map.of());
    Runner runner = runner(List.of("android"), Map.of(), List.of(lane), 1);
    return runningJob(runner, build(pipeline));
  }

  /** The runner claims the build (it must be what the runner is handed) and reports it running. */
  public RunningJob runningJob(Runner runner, String build) {
    ApiClient.Response claimed = api.post(runner.path("/claim?wait=20"), runner.token(), null);
    claimed.expect(200);
    if (!build.equals(claimed.text("build_id"))) {
      throw new AssertionError(
          "the runner was handed " + claimed.text("build_id") + ", not " + build);
    }
    int attempt = claimed.json().path("attempt").asInt();
    api.post(
            runner.path("/jobs/" + build + "/status"),
            runner.token(),
            Map.of("status", "running", "attempt", attempt))
        .expect(200);
    return new RunningJob(runner, build, attempt);
  }

  /** The job's runner reports it succeeded, exit code 0, under the attempt it holds. */
  public void succeeded(RunningJob job) {
    api.post(
            job.runner().path("/jobs/" + job.build() + "/status"),
            job.runner().token(),
            Map.of("status", "succeeded", "attempt", job.attempt(), "exit_code", 0))
        .expect(200);
  }

  /** A build a runner holds under {@code attempt} and has reported running. */
  public record RunningJob(Runner runner, String build, int attempt) {}

  /** A registered runner: its id and the token that authorises its own endpoints. */
  public record Runner(String id, String token) {
    public String path(String suffix) {
      return "/v1/runners/" + id + suffix;
    }
  }
}
