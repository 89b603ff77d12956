package dev.hangar.api.projects;

import static dev.hangar.api.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.api.support.ApiClient;
import dev.hangar.api.support.Given;
import dev.hangar.api.support.Hangar;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code PATCH /v1/projects/{id}} and {@code PATCH /v1/pipelines/{id}} on two api-service
 * instances: merge-patch semantics, the validation of a creation, new settings for new builds only,
 * and concurrent changes that all land.
 */
class ProjectChangesIT {

  private static final AtomicInteger LANES = new AtomicInteger();

  private static Hangar hangar;
  private static ApiClient api;
  private static ApiClient other;
  private static Given given;
  private static String admin;

  @BeforeAll
  static void start() {
    hangar = Hangar.start(2, 0, Map.of());
    api = hangar.client(0);
    other = hangar.client(1);
    given = new Given(api);
    admin = given.adminToken();
  }

  @AfterAll
  static void stop() throws Exception {
    hangar.close();
  }

  @Test
  void aProjectChangesOnlyTheFieldsSentAndShowsWhen() {
    JsonNode created =
        api.post(
                "/v1/projects",
                admin,
                Map.of(
                    "name",
                    "shop",
                    "repository_url",
                    "https://git.example.com/shop.git",
                    "retention_days",
                    7))
            .expect(201)
            .json();
    String id = created.path("id").asString();
    assertThat(created.path("updated_at").asLong()).isEqualTo(created.path("created_at").asLong());

    JsonNode renamed =
        api.patch("/v1/projects/" + id, admin, Map.of("name", "shop-app")).expect(200).json();
    assertThat(renamed.path("name").asString()).isEqualTo("shop-app");
    assertThat(renamed.path("repository_url").asString())
        .isEqualTo("https://git.example.com/shop.git");
    assertThat(renamed.path("retention_days").asInt()).isEqualTo(7);
    assertThat(renamed.path("created_at").asLong()).isEqualTo(created.path("created_at").asLong());
    assertThat(renamed.path("updated_at").asLong())
        .isGreaterThanOrEqualTo(created.path("updated_at").asLong());

    Map<String, Object> back = new HashMap<>();
    back.put("retention_days", null);
    back.put("repository_url", "git@git.example.com:shop/app.git");
    other.patch("/v1/projects/" + id, admin, back).expect(200);
    JsonNode read = api.get("/v1/projects/" + id, admin).expect(200).json();
    assertThat(read.path("retention_days").isNull()).isTrue();
    assertThat(read.path("repository_url").asString())
        .isEqualTo("git@git.example.com:shop/app.git");
    assertThat(read.path("name").asString()).isEqualTo("shop-app");
  }

  @Test
  void aProjectChangeIsValidatedAsACreation() {
    String id = given.project();
    Map<String, Object> nullName = new HashMap<>();
    nullName.put("name", null);
    Map<String, Object> unknownAsNull = new HashMap<>();
    unknownAsNull.put("owner", null);

    assertProblem(
        api.patch("/v1/projects/" + id, admin, Map.of("retention_days", 0)),
        400,
        "validation_failed");
    assertProblem(
        api.patch("/v1/projects/" + id, admin, Map.of("retention_days", 3651)),
        400,
        "validation_failed");
    assertProblem(
        api.patch("/v1/projects/" + id, admin, Map.of("retention_days", "7")),
        400,
        "validation_failed");
    assertProblem(
        api.patch("/v1/projects/" + id, admin, Map.of("repository_url", "ftp://x/y")),
        400,
        "validation_failed");
    assertProblem(
        api.patch("/v1/projects/" + id, admin, Map.of("name", "")), 400, "validation_failed");
    assertProblem(api.patch("/v1/projects/" + id, admin, nullName), 400, "validation_failed");
    assertProblem(
        api.patch("/v1/projects/" + id, admin, Map.of("owner", "me")), 400, "unknown_field");
    assertProblem(api.patch("/v1/projects/" + id, admin, unknownAsNull), 400, "unknown_field");
    assertProblem(
        api.patch("/v1/projects/" + id, admin, Map.of("id", "proj_x")), 400, "unknown_field");
    assertProblem(api.patch("/v1/projects/" + id, admin, List.of()), 400, "validation_failed");
    assertProblem(
        api.send("PATCH", "/v1/projects/" + id, admin, "{\"name\":", "application/json"),
        400,
        "malformed_json");
    assertProblem(
        api.patch("/v1/projects/proj_aaaaaaaaaaaaaaaa", admin, Map.of("name", "x")),
        404,
        "project_not_found");
    assertProblem(
        api.patch("/v1/projects/nonsense", admin, Map.of("name", "x")), 404, "project_not_found");
    assertThat(api.get("/v1/projects/" + id, admin).expect(200).json().path("name").asString())
        .isEqualTo("app");
  }

  @Test
  void aPipelinesNewSettingsApplyToBuildsQueuedAfterwardsOnly() {
    String lane = lane();
    String project = given.project();
    String pipeline = given.pipeline(project, "android", List.of(lane), Map.of("flutter", "3.27"));
    JsonNode before = api.get("/v1/pipelines/" + pipeline, admin).expect(200).json();
    String waiting = given.build(pipeline);

    JsonNode changed =
        other
            .patch(
                "/v1/pipelines/" + pipeline,
                admin,
                Map.of(
                    "tools",
                    Map.of("flutter", "3.29.0"),
                    "config",
                    Map.of(
                        "steps",
                        List.of(Map.of("name", "build", "run", "./build.sh")),
                        "artifacts",
                        List.of("out/*.apk"))))
            .expect(200)
            .json();
    String newQueue = "android." + lane + ".flutter>=3.29";
    assertThat(changed.path("queue").asString()).isEqualTo(newQueue);
    assertThat(changed.path("tools").path("flutter").asString()).isEqualTo("3.29");
    assertThat(changed.path("config").path("flavor").asString())
        .as("config merges key by key")
        .isEqualTo("prod");
    assertThat(changed.path("config").path("steps").size()).isEqualTo(1);
    assertThat(changed.path("name").asString()).isEqualTo(before.path("name").asString());
    assertThat(changed.path("updated_at").asLong())
        .isGreaterThanOrEqualTo(before.path("created_at").asLong());
    assertThat(queueNames()).contains(newQueue, before.path("queue").asString());

    JsonNode old = api.get("/v1/builds/" + waiting, admin).expect(200).json();
    assertThat(old.path("queue").asString()).isEqualTo(before.path("queue").asString());
    assertThat(old.path("config_snapshot").has("steps")).isFalse();
    JsonNode fresh = api.get("/v1/builds/" + given.build(pipeline), admin).expect(200).json();
    assertThat(fresh.path("queue").asString()).isEqualTo(newQueue);
    assertThat(fresh.path("config_snapshot").path("artifacts").get(0).asString())
        .isEqualTo("out/*.apk");

    // A runner that meets only the old floor still gets the build queued under it.
    Given.Runner oldRunner =
        given.runner(List.of("android"), Map.of("flutter", "3.27.1"), List.of(lane), 1);
    JsonNode claimed =
        api.post(oldRunner.path("/claim?wait=10"), oldRunner.token(), null).expect(200).json();
    assertThat(claimed.path("build_id").asString()).isEqualTo(waiting);
    assertThat(claimed.path("config_snapshot").has("steps")).isFalse();
    assertThat(api.post(oldRunner.path("/claim"), oldRunner.token(), null).status()).isIn(204, 409);

    Map<String, Object> removal = new HashMap<>();
    removal.put("flavor", null);
    JsonNode removed =
        api.patch("/v1/pipelines/" + pipeline, admin, Map.of("config", removal, "name", "renamed"))
            .expect(200)
            .json();
    assertThat(removed.path("config").has("flavor")).isFalse();
    assertThat(removed.path("config").has("steps")).isTrue();
    assertThat(removed.path("queue").asString()).as("requirements unchanged").isEqualTo(newQueue);
  }

  @Test
  void aPipelineChangeIsValidatedAsACreation() {
    String pipeline = given.pipeline(given.project(), "android", List.of(lane()), Map.of());
    JsonNode before = api.get("/v1/pipelines/" + pipeline, admin).expect(200).json();

    for (Map<String, Object> bad :
        List.<Map<String, Object>>of(
            Map.of("platform", "symbian"),
            Map.of("labels", List.of("Not A Label")),
            Map.of("tools", Map.of("flutter", 3)),
            Map.of("tools", Map.of("Bad Tool", "1")),
            Map.of("config", Map.of("artifacts", "out/*.apk")),
            Map.of("config", Map.of("artifacts", List.of("../escape/*"))),
            Map.of("name", "x".repeat(101)))) {
      assertProblem(api.patch("/v1/pipelines/" + pipeline, admin, bad), 400, "validation_failed");
    }
    assertProblem(
        api.patch("/v1/pipelines/" + pipeline, admin, Map.of("queue", "x")), 400, "unknown_field");
    assertProblem(
        api.patch("/v1/pipelines/" + pipeline, admin, Map.of("project_id", "proj_x")),
        400,
        "unknown_field");
    assertProblem(
        api.patch("/v1/pipelines/pipe_aaaaaaaaaaaaaaaa", admin, Map.of("name", "x")),
        404,
        "pipeline_not_found");
    assertThat(api.get("/v1/pipelines/" + pipeline, admin).expect(200).json()).isEqualTo(before);
  }

  @Test
  void concurrentChangesOfDifferentFieldsAllLand() throws Exception {
    String project = given.project();
    String pipeline = given.pipeline(project, "android", List.of(lane()), Map.of());
    int writers = 24;
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        ApiClient client = i % 2 == 0 ? api : other;
        String key = "k" + i;
        done.add(
            pool.submit(
                () ->
                    client
                        .patch(
                            "/v1/pipelines/" + pipeline, admin, Map.of("config", Map.of(key, key)))
                        .expect(200)));
      }
      done.add(
          pool.submit(
              () ->
                  other.patch("/v1/projects/" + project, admin, Map.of("name", "n")).expect(200)));
      done.add(
          pool.submit(
              () ->
                  api.patch("/v1/projects/" + project, admin, Map.of("retention_days", 9))
                      .expect(200)));
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }

    JsonNode config = api.get("/v1/pipelines/" + pipeline, admin).expect(200).json().path("config");
    for (int i = 0; i < writers; i++) {
      assertThat(config.path("k" + i).asString()).as("k%d", i).isEqualTo("k" + i);
    }
    assertThat(config.path("flavor").asString()).isEqualTo("prod");
    JsonNode changed = other.get("/v1/projects/" + project, admin).expect(200).json();
    assertThat(changed.path("name").asString()).isEqualTo("n");
    assertThat(changed.path("retention_days").asInt()).isEqualTo(9);
  }

  @Test
  void aRerunQueuesTheSameCommitBranchAndPriorityWithThePipelinesCurrentSettings() {
    String pipeline = given.pipeline(given.project(), "android", List.of(lane()), Map.of());
    JsonNode original =
        api.post(
                "/v1/pipelines/" + pipeline + "/builds",
                admin,
                Map.of("commit_sha", "0123abcd", "branch", "feature/rerun", "priority", "high"))
            .expect(201)
            .json();
    String originalId = original.path("id").asString();
    api.post("/v1/builds/" + originalId + "/cancel", admin, null).expect(200);
    api.patch("/v1/pipelines/" + pipeline, admin, Map.of("config", Map.of("flavor", "beta")))
        .expect(200);

    ApiClient.Response answered =
        other.post("/v1/builds/" + originalId + "/rerun", admin, null).expect(201);
    JsonNode rerun = answered.json();
    String rerunId = rerun.path("id").asString();
    assertThat(answered.header("Location")).endsWith("/v1/builds/" + rerunId);
    assertThat(rerunId).isNotEqualTo(originalId);
    assertThat(rerun.path("rerun_of").asString()).isEqualTo(originalId);
    assertThat(rerun.path("status").asString()).isEqualTo("queued");
    assertThat(rerun.path("commit_sha").asString()).isEqualTo("0123abcd");
    assertThat(rerun.path("branch").asString()).isEqualTo("feature/rerun");
    assertThat(rerun.path("priority").asString()).isEqualTo("high");
    assertThat(rerun.path("pipeline_id").asString()).isEqualTo(pipeline);
    assertThat(rerun.path("config_snapshot").path("flavor").asString()).isEqualTo("beta");
    assertThat(rerun.path("build_number").asLong())
        .isEqualTo(original.path("build_number").asLong() + 1);
    assertThat(
            api.get("/v1/builds/" + rerunId, admin).expect(200).json().path("rerun_of").asString())
        .isEqualTo(originalId);

    // A build that has not finished may be run again too: the rerun of the queued rerun.
    assertThat(
            api.post("/v1/builds/" + rerunId + "/rerun", admin, null)
                .expect(201)
                .json()
                .path("rerun_of")
                .asString())
        .isEqualTo(rerunId);
    assertProblem(
        api.post("/v1/builds/build_aaaaaaaaaaaaaaaa/rerun", admin, null), 404, "build_not_found");
    assertProblem(api.post("/v1/builds/nonsense/rerun", admin, null), 404, "build_not_found");
  }

  private static String lane() {
    return "changes" + LANES.incrementAndGet();
  }

  private static List<String> queueNames() {
    List<String> names = new ArrayList<>();
    api.get("/v1/queues", admin)
        .expect(200)
        .json()
        .forEach(q -> names.add(q.path("name").asString()));
    return names;
  }
}
