package dev.hangar.api.projects;

import static dev.hangar.api.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.api.support.ApiClient;
import dev.hangar.api.support.ApiInstance;
import dev.hangar.api.support.Given;
import dev.hangar.api.support.Hangar;
import dev.hangar.engine.builds.BuildListing;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.Base64;
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
 * {@code GET /v1/builds} on two api-service instances: every project's builds newest first, filters
 * that combine, cursors that neither skip nor repeat a build while new ones arrive, a bounded look
 * per page, and builds recorded before the index existed listed after a start. Each test queues
 * builds on a label of its own that no runner has, so they stay queued unless it cancels them, and
 * names a branch of its own where it lists across projects.
 */
class BuildListingIT {

  private static final AtomicInteger LANES = new AtomicInteger();

  private static Hangar hangar;
  private static ApiClient api;
  private static ApiClient other;
  private static Given given;
  private static String admin;
  private static RedisCommands<String, String> redis;
  private static String ns;

  @BeforeAll
  static void start() {
    hangar = Hangar.start(2, 0, Map.of());
    api = hangar.client(0);
    other = hangar.client(1);
    given = new Given(api);
    admin = given.adminToken();
    redis = hangar.namespace().redis();
    ns = hangar.namespace().name();
  }

  @AfterAll
  static void stop() throws Exception {
    hangar.close();
  }

  @Test
  void listsEveryProjectsBuildsNewestFirstAndTheFiltersCombine() {
    String branch = branch();
    String projectA = given.project();
    String projectB = given.project();
    String p1 = pipeline(projectA);
    String p2 = pipeline(projectA);
    String p3 = pipeline(projectB);
    String a1 = build(p1, branch);
    String a2 = build(p2, "other-" + branch);
    String b1 = build(p3, branch);
    api.post("/v1/builds/" + a1 + "/cancel", admin, null).expect(200);

    for (ApiClient client : List.of(api, other)) {
      assertThat(ids(client, "project=" + projectA)).containsExactly(a2, a1);
      assertThat(ids(client, "project=" + projectB)).containsExactly(b1);
      assertThat(ids(client, "pipeline=" + p1)).containsExactly(a1);
      assertThat(ids(client, "project=" + projectA + "&status=cancelled")).containsExactly(a1);
      assertThat(ids(client, "project=" + projectA + "&status=queued,cancelled"))
          .containsExactly(a2, a1);
      assertThat(ids(client, "project=" + projectA + "&status=running")).isEmpty();
      assertThat(ids(client, "branch=" + branch)).containsExactly(b1, a1);
      assertThat(ids(client, "branch=" + branch + "&status=queued")).containsExactly(b1);
      assertThat(ids(client, "project=" + projectA + "&pipeline=" + p2)).containsExactly(a2);
      assertThat(ids(client, "project=" + projectB + "&pipeline=" + p1)).isEmpty();
      assertThat(ids(client, "limit=500")).containsSubsequence(b1, a2, a1);
    }
    JsonNode page = list(api, "project=" + projectA);
    assertThat(page.propertyNames()).containsExactlyInAnyOrder("builds", "next_cursor");
    assertThat(page.path("next_cursor").isNull()).isTrue();
    JsonNode newest = page.path("builds").get(0);
    assertThat(newest.path("pipeline_id").asString()).isEqualTo(p2);
    assertThat(newest.has("rerun_of")).isTrue();
    assertThat(newest.path("rerun_of").isNull()).isTrue();
    assertThat(newest.path("attempts").isArray()).isTrue();
  }

  @Test
  void cursorsNeitherSkipNorRepeatABuildAndNewBuildsStayOffLaterPages() {
    String branch = branch();
    String project = given.project();
    String pipeline = pipeline(project);
    List<String> made = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      made.add(0, build(pipeline, branch));
    }

    for (String filter :
        List.of("pipeline=" + pipeline, "project=" + project, "branch=" + branch)) {
      List<String> seen = new ArrayList<>();
      JsonNode page = list(api, filter + "&limit=3");
      seen.addAll(ids(page));
      assertThat(page.path("next_cursor").isString()).as(filter).isTrue();
      String arrived = build(pipeline, branch);
      // Each page from the other instance than the one before: a cursor is no instance's.
      ApiClient[] clients = {other, api};
      int n = 0;
      while (!page.path("next_cursor").isNull()) {
        page =
            list(
                clients[n++ % 2],
                filter + "&limit=3&cursor=" + page.path("next_cursor").asString());
        seen.addAll(ids(page));
      }
      assertThat(seen).as(filter).isEqualTo(made);
      assertThat(ids(api, filter + "&limit=1")).containsExactly(arrived);
      made.add(0, arrived);
    }
  }

  @Test
  void aRareStatusIsLookedForInBoundedStepsThatEachGiveACursor() throws Exception {
    String pipeline = pipeline(given.project());
    String oldest = build(pipeline, "main");
    api.post("/v1/builds/" + oldest + "/cancel", admin, null).expect(200);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<String>> newer = new ArrayList<>();
      for (int i = 0; i < BuildListing.BUDGET + 20; i++) {
        ApiClient client = i % 2 == 0 ? api : other;
        newer.add(
            pool.submit(
                () ->
                    client
                        .post(
                            "/v1/pipelines/" + pipeline + "/builds",
                            admin,
                            Map.of("commit_sha", "a1b2c3d4e5f6", "branch", "main"))
                        .expect(201)
                        .text("id")));
      }
      for (Future<String> build : newer) {
        build.get();
      }
    } finally {
      pool.shutdown();
    }

    JsonNode first = list(api, "pipeline=" + pipeline + "&status=cancelled");
    assertThat(ids(first)).isEmpty();
    assertThat(first.path("next_cursor").isString()).isTrue();
    JsonNode second =
        list(
            other,
            "pipeline="
                + pipeline
                + "&status=cancelled&cursor="
                + first.path("next_cursor").asString());
    assertThat(ids(second)).containsExactly(oldest);
    assertThat(second.path("next_cursor").isNull()).isTrue();
  }

  @Test
  void badParametersAreRefusedNamingThem() {
    String pipeline = pipeline(given.project());
    build(pipeline, "main");
    build(pipeline, "main");
    String pipelineCursor =
        list(api, "pipeline=" + pipeline + "&limit=1").path("next_cursor").asString();

    for (String query :
        List.of(
            "status=bogus",
            "status=queued,",
            "status=QUEUED",
            "limit=0",
            "limit=501",
            "limit=ten",
            "cursor=not-a-cursor",
            "cursor=" + Base64.getUrlEncoder().encodeToString("every.x.build_y".getBytes()),
            "cursor=" + pipelineCursor,
            "project=proj_aaaaaaaaaaaaaaaa",
            "project=nonsense",
            "pipeline=pipe_aaaaaaaaaaaaaaaa")) {
      assertThat(
              assertProblem(api.get("/v1/builds?" + query, admin), 400, "invalid_parameter")
                  .path("detail")
                  .asString())
          .as(query)
          .isNotBlank();
    }
    assertThat(
            list(api, "pipeline=" + pipeline + "&limit=1&cursor=" + pipelineCursor)
                .path("builds")
                .size())
        .isEqualTo(1);
  }

  @Test
  void buildsRecordedBeforeTheIndexExistedAreListedOnceAnInstanceStarts() {
    String branch = branch();
    String project = given.project();
    String pipeline = pipeline(project);
    List<String> made = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      made.add(0, build(pipeline, branch));
    }
    // As an earlier version left them: in the project's list only.
    for (String build : made) {
      redis.eval(
          "redis.call('ZREM', KEYS[1], ARGV[1]); return redis.call('ZREM', KEYS[2], ARGV[1])",
          ScriptOutputType.INTEGER,
          new String[] {ns + ":builds:by-creation", ns + ":pipeline:" + pipeline + ":builds"},
          build);
    }
    assertThat(ids(api, "branch=" + branch)).isEmpty();
    assertThat(ids(api, "pipeline=" + pipeline)).isEmpty();

    try (ApiInstance started = ApiInstance.start(hangar.namespace(), Map.of())) {
      assertThat(ids(started.client(), "branch=" + branch)).isEqualTo(made);
    }
    assertThat(ids(api, "pipeline=" + pipeline)).isEqualTo(made);
    assertThat(ids(other, "branch=" + branch)).isEqualTo(made);
    for (String build : made) {
      assertThat(redis.zscore(ns + ":builds:by-creation", build).longValue())
          .isEqualTo(Long.parseLong(redis.hget(ns + ":build:" + build, "created_at")));
    }
  }

  @Test
  void aProjectsBuildListStillAnswersAsBefore() {
    String project = given.project();
    String pipeline = pipeline(project);
    String first = build(pipeline, "main");
    String second = build(pipeline, "main");

    JsonNode list = api.get("/v1/projects/" + project + "/builds", admin).expect(200).json();
    assertThat(list.isArray()).isTrue();
    assertThat(List.of(list.get(0).path("id").asString(), list.get(1).path("id").asString()))
        .containsExactly(second, first);
  }

  private static String branch() {
    return "listing-" + LANES.incrementAndGet() + "-" + System.nanoTime();
  }

  /** A pipeline on a label no runner has: its builds stay queued. */
  private static String pipeline(String project) {
    return given.pipeline(
        project, "android", List.of("listing" + LANES.incrementAndGet()), Map.of());
  }

  private static String build(String pipeline, String branch) {
    return api.post(
            "/v1/pipelines/" + pipeline + "/builds",
            admin,
            Map.of("commit_sha", "a1b2c3d4e5f6", "branch", branch))
        .expect(201)
        .text("id");
  }

  private static JsonNode list(ApiClient client, String query) {
    return client.get("/v1/builds?" + query, admin).expect(200).json();
  }

  private static List<String> ids(ApiClient client, String query) {
    return ids(list(client, query));
  }

  private static List<String> ids(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.path("builds").forEach(b -> ids.add(b.path("id").asString()));
    return ids;
  }
}
