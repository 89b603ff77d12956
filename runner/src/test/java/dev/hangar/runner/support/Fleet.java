package dev.hangar.runner.support;

import static org.awaitility.Awaitility.await;

import dev.hangar.api.support.ApiClient;
import dev.hangar.api.support.Given;
import dev.hangar.runner.config.ConfigException;
import dev.hangar.runner.config.ConfigFile;
import dev.hangar.runner.config.RunnerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a runner test needs around the runner under test, made through the REST API as a person
 * would: projects on the test's git server, pipelines with steps, builds, and runners registered
 * through the API and started with the real {@code hangar-runner} jar. Each lane has a label of its
 * own, so a test's runners only ever see that test's builds.
 */
public final class Fleet implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final AtomicInteger LANES = new AtomicInteger();

  private final ApiClient api;
  private final String baseUrl;
  private final String admin;
  private final Path dir;
  // Test methods of one class may run at once (ApiServiceAwayIT).
  private final List<RunnerProcess> started = new CopyOnWriteArrayList<>();

  public Fleet(ApiClient api, String baseUrl, Path dir) {
    this.api = api;
    this.baseUrl = baseUrl;
    this.admin = new Given(api).adminToken();
    this.dir = dir;
  }

  public ApiClient api() {
    return api;
  }

  public String admin() {
    return admin;
  }

  public String baseUrl() {
    return baseUrl;
  }

  /**
   * Hangar's settings for runner tests. A runner that stops cuts its long-poll short, and the
   * api-service only notices when that claim's wait runs out; a graceful shutdown would wait for
   * it, so the test's api-service stops at once instead.
   */
  public static Map<String, Object> settings(Map<String, Object> more) {
    Map<String, Object> settings = new HashMap<>(more);
    settings.put("server.shutdown", "immediate");
    return settings;
  }

  /** A label no other test uses. */
  public static String lane() {
    return "lane" + LANES.incrementAndGet();
  }

  public String project(String repositoryUrl) {
    return api.post("/v1/projects", admin, Map.of("name", "app", "repository_url", repositoryUrl))
        .expect(201)
        .text("id");
  }

  public String pipeline(
      String projectId, String platform, String label, Map<String, Object> config) {
    return api.post(
            "/v1/projects/" + projectId + "/pipelines",
            admin,
            Map.of(
                "name",
                platform + "-pipeline",
                "platform",
                platform,
                "labels",
                List.of(label),
                "config",
                config))
        .expect(201)
        .text("id");
  }

  public String build(String pipelineId, String commitSha) {
    return api.post(
            "/v1/pipelines/" + pipelineId + "/builds",
            admin,
            Map.of("commit_sha", commitSha, "branch", "main"))
        .expect(201)
        .text("id");
  }

  public JsonNode view(String buildId) {
    return api.get("/v1/builds/" + buildId, admin).expect(200).json();
  }

  /** Waits until the build has one of these statuses and answers its view. */
  public JsonNode awaitStatus(String buildId, Duration within, String... statuses) {
    Set<String> wanted = Set.of(statuses);
    await("build " + buildId + " " + wanted)
        .atMost(within)
        .until(() -> wanted.contains(view(buildId).path("status").asString()));
    return view(buildId);
  }

  /**
   * A runner registered through the REST API into a config file of its own, as {@code hangar-runner
   * register} with these flags would (RegisterIT tests that command), without a JVM of its own for
   * every registration.
   */
  public Registration register(String name, String label, String platform) {
    return register(name, label, platform, 1);
  }

  public Registration register(String name, String label, String platform, int capacity) {
    return register(name, label, platform, capacity, baseUrl);
  }

  /** Registered with (and so later talking to) the api-service at {@code url}. */
  public Registration register(
      String name, String label, String platform, int capacity, String url) {
    Path home = directory(name);
    Path config = home.resolve("runner.json");
    JsonNode runner =
        new ApiClient(url)
            .post(
                "/v1/runners/register",
                admin,
                Map.of(
                    "name",
                    name,
                    "capabilities",
                    Map.of(
                        "platforms",
                        List.of(platform),
                        "labels",
                        List.of(label),
                        "tools",
                        Map.of("flutter", "3.27.1"),
                        "capacity",
                        capacity)))
            .expect(200)
            .json();
    String id = runner.path("id").asString();
    try {
      ConfigFile.create(config, new RunnerConfig(url, id, runner.path("token").asString(), name));
    } catch (ConfigException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
    return new Registration(config, home, id);
  }

  /**
   * {@code hangar-runner run} for a registration, with a short cancel grace; extra environment on
   * top of the test's.
   */
  public RunnerProcess run(Registration runner, Map<String, String> env) {
    Map<String, String> all = new HashMap<>(env);
    RunnerProcess process =
        RunnerProcess.start(
            runner.home().resolve("run-" + started.size() + ".log"),
            all,
            "run",
            "--config",
            runner.config().toString(),
            "--work-dir",
            runner.work().toString(),
            "--cache-dir",
            runner.cache().toString(),
            "--cancel-grace",
            "1s");
    started.add(process);
    return process;
  }

  public Path directory(String name) {
    try {
      return Files.createDirectories(dir.resolve(name + "-" + LANES.incrementAndGet()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonNode read(Path json) {
    try {
      return JSON.readTree(Files.readString(json));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Drains the runners still running (SIGTERM), so none leaves a long-poll open that would hold up
   * the api-service's graceful shutdown for its whole wait; kills any that do not stop.
   */
  @Override
  public void close() throws InterruptedException {
    started.stream().filter(RunnerProcess::alive).forEach(RunnerProcess::terminate);
    for (RunnerProcess process : started) {
      process.awaitExit(Duration.ofSeconds(30));
      process.close();
    }
  }

  /** A registered runner: its config file, its id, and the directories its runs use. */
  public record Registration(Path config, Path home, String id) {
    public Path work() {
      return home.resolve("work");
    }

    public Path cache() {
      return home.resolve("cache");
    }
  }
}
