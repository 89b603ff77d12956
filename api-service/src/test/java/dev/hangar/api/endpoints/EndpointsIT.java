package dev.hangar.api.endpoints;

import static dev.hangar.api.support.Problems.assertProblem;
import static dev.hangar.api.support.Problems.fieldsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hangar.api.support.ApiClient;
import dev.hangar.api.support.ApiClient.Response;
import dev.hangar.api.support.Given;
import dev.hangar.api.support.Given.Runner;
import dev.hangar.api.support.Hangar;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * Every endpoint's happy path as README "The API" states it: status codes, field names, prefixes,
 * and the behaviour a runner relies on (draining, capacity, long polls, cancel requests). Each test
 * makes its own pipeline and runners on a label of its own, so no test can claim another test's
 * build.
 */
class EndpointsIT {

  /** Not a whole number of seconds on purpose: runners must still be told a whole number. */
  private static final String HEARTBEAT_INTERVAL = "2500ms";

  private static final List<String> CLAIM_FIELDS =
      List.of(
          "build_id",
          "project_id",
          "pipeline_id",
          "build_number",
          "platform",
          "attempt",
          "config_snapshot",
          "repository_url",
          "commit_sha",
          "branch",
          "lease_expires_at");
  private static final List<String> RUNNER_VIEW_FIELDS =
      List.of(
          "id",
          "name",
          "status",
          "capabilities",
          "last_heartbeat_at",
          "registered_by",
          "created_at",
          "updated_at",
          "current_jobs");

  private static final AtomicInteger LABELS = new AtomicInteger();

  private static Hangar hangar;
  private static ApiClient api;
  private static Given given;
  private static String admin;

  @BeforeAll
  static void start() {
    hangar = Hangar.start(1, 0, Map.of("hangar.heartbeat-interval", HEARTBEAT_INTERVAL));
    api = hangar.client();
    given = new Given(api);
    admin = given.adminToken();
  }

  @AfterAll
  static void stop() throws Exception {
    hangar.close();
  }

  /** A pipeline and runners that only meet each other: they share a label no other test uses. */
  private record Lane(String projectId, String pipelineId, String label) {
    Runner runner(int capacity) {
      return given.runner(
          List.of("android"), Map.of("flutter", "3.27.1"), List.of(label), capacity);
    }

    String build() {
      return given.build(pipelineId);
    }
  }

  private static Lane lane() {
    String label = "lane" + LABELS.incrementAndGet();
    String project = given.project();
    return new Lane(
        project,
        given.pipeline(project, "android", List.of(label), Map.of("flutter", "3.27")),
        label);
  }

  private static long now() {
    return Instant.now().getEpochSecond();
  }

  private static JsonNode claim(Runner runner) {
    return api.post(runner.path("/claim"), runner.token(), null).expect(200).json();
  }

  private static Response report(Runner runner, String buildId, Map<String, Object> update) {
    return api.post(runner.path("/jobs/" + buildId + "/status"), runner.token(), update);
  }

  // ---- sessions and users ----

  @Test
  void loginAnswersATokenItsExpiryAndTheUser() {
    JsonNode session =
        api.post(
                "/v1/sessions",
                null,
                Map.of("username", "admin", "password", "test-admin-password"))
            .expect(200)
            .json();

    assertThat(fieldsOf(session)).containsExactlyInAnyOrder("token", "expires_at", "user");
    // 256 random bits in base64url are 43 characters behind the prefix.
    assertThat(session.path("token").asString())
        .startsWith("hgr_us_")
        .hasSizeGreaterThanOrEqualTo(7 + 43);
    assertThat(session.path("expires_at").isIntegralNumber()).isTrue();
    assertThat(session.path("expires_at").asLong()).isGreaterThan(now());
    JsonNode user = session.path("user");
    assertThat(fieldsOf(user)).containsExactlyInAnyOrder("id", "username", "admin");
    assertThat(user.path("id").asString()).startsWith("user_");
    assertThat(user.path("username").asString()).isEqualTo("admin");
    assertThat(user.path("admin").asBoolean()).isTrue();
  }

  @Test
  void aWrongPasswordIsRefused() {
    assertProblem(
        api.post("/v1/sessions", null, Map.of("username", "admin", "password", "not-the-password")),
        401,
        "invalid_credentials");
    assertProblem(
        api.post("/v1/sessions", null, Map.of("username", "nobody", "password", "whatever-it-is")),
        401,
        "invalid_credentials");
  }

  @Test
  void loggingOutEndsOnlyThatSession() {
    String session = api.loginAdmin();
    api.get("/v1/projects", session).expect(200);

    assertThat(api.delete("/v1/sessions/current", session).expect(204).body()).isEmpty();

    assertProblem(api.get("/v1/projects", session), 401, "unauthorized");
    assertProblem(api.delete("/v1/sessions/current", session), 401, "unauthorized");
    api.get("/v1/projects", admin).expect(200);
  }

  @Test
  void anAdminAddsUsersWhoCanLogIn() {
    Response created =
        api.post(
                "/v1/users",
                admin,
                Map.of("username", "dana", "password", "dana-password", "admin", false))
            .expect(201);

    JsonNode user = created.json();
    assertThat(fieldsOf(user)).containsExactlyInAnyOrder("id", "username", "admin");
    assertThat(user.path("id").asString()).startsWith("user_");
    assertThat(user.path("username").asString()).isEqualTo("dana");
    assertThat(user.path("admin").asBoolean()).isFalse();
    assertThat(created.header("Location")).endsWith("/v1/users/" + user.path("id").asString());
    assertThat(created.cameWhole()).isTrue();

    JsonNode session =
        api.post("/v1/sessions", null, Map.of("username", "dana", "password", "dana-password"))
            .expect(200)
            .json();
    assertThat(session.path("user").path("id").asString()).isEqualTo(user.path("id").asString());
    assertThat(session.path("user").path("admin").asBoolean()).isFalse();
    api.get("/v1/projects", session.path("token").asString()).expect(200);
  }

  @Test
  void theLocationOfANewUserAnswersItsViewToAnAdminAndToTheUser() {
    Response created =
        api.post("/v1/users", admin, Map.of("username", "hana", "password", "hana-password"))
            .expect(201);
    String location = created.header("Location");

    Response byAdmin = api.get(location, admin).expect(200);
    String hana =
        api.post("/v1/sessions", null, Map.of("username", "hana", "password", "hana-password"))
            .expect(200)
            .text("token");
    Response byHerself = api.get(location, hana).expect(200);

    assertThat(byAdmin.json()).isEqualTo(created.json());
    assertThat(byHerself.json()).isEqualTo(created.json());
    assertThat(byAdmin.cameWhole()).isTrue();
  }

  @Test
  void onlyAnAdminAddsUsers() {
    api.post("/v1/users", admin, Map.of("username", "erin", "password", "erin-password"))
        .expect(201);
    String erin =
        api.post("/v1/sessions", null, Map.of("username", "erin", "password", "erin-password"))
            .expect(200)
            .text("token");

    assertProblem(
        api.post("/v1/users", erin, Map.of("username", "frank", "password", "frank-password")),
        403,
        "admin_required");
    assertProblem(
        api.post("/v1/sessions", null, Map.of("username", "frank", "password", "frank-password")),
        401,
        "invalid_credentials");
  }

  @Test
  void aUsernameIsTakenOnce() {
    api.post("/v1/users", admin, Map.of("username", "gwen", "password", "gwen-password"))
        .expect(201);

    assertProblem(
        api.post("/v1/users", admin, Map.of("username", "gwen", "password", "other-password")),
        409,
        "username_taken");
    // The first password still works: the refused request changed nothing.
    api.post("/v1/sessions", null, Map.of("username", "gwen", "password", "gwen-password"))
        .expect(200);
  }

  // ---- runners ----

  @Test
  void registeringAnswersTheRunnerAndItsTokenOnce() {
    Map<String, Object> capabilities =
        Map.of(
            "platforms",
            List.of("ios", "android"),
            "tools",
            Map.of("flutter", "3.27.1", "xcode", "16.2"),
            "labels",
            List.of("m2"),
            "capacity",
            2);

    JsonNode registered =
        api.post(
                "/v1/runners/register",
                admin,
                Map.of("name", "mini-1", "capabilities", capabilities))
            .expect(200)
            .json();

    assertThat(fieldsOf(registered))
        .containsExactlyInAnyOrder("id", "name", "token", "status", "created_at");
    assertThat(registered.path("id").asString()).startsWith("runner_");
    assertThat(registered.path("name").asString()).isEqualTo("mini-1");
    assertThat(registered.path("token").asString())
        .startsWith("hgr_rt_")
        .hasSizeGreaterThanOrEqualTo(7 + 43);
    assertThat(registered.path("status").asString()).isEqualTo("online");
    assertThat(registered.path("created_at").isIntegralNumber()).isTrue();
    assertThat(registered.path("created_at").asLong()).isBetween(now() - 60, now() + 60);

    String id = registered.path("id").asString();
    assertThat(api.get("/v1/runners", admin).expect(200).body())
        .doesNotContain(registered.path("token").asString());
    assertThat(api.get("/v1/runners/" + id, admin).expect(200).body())
        .doesNotContain(registered.path("token").asString());
  }

  @Test
  void moreRunnersThanOneReadBatchAreEachListedOnceWithTheirJobs() {
    Lane lane = lane();
    Runner busy = lane.runner(1);
    String build = lane.build();
    claim(busy);
    String name = "batch-" + lane.label();
    for (int i = 0; i < 520; i++) {
      api.post("/v1/runners/register", admin, Map.of("name", name)).expect(200);
    }

    int named = 0;
    List<String> ids = new ArrayList<>();
    JsonNode busyView = null;
    for (JsonNode view : api.get("/v1/runners", admin).expect(200).json()) {
      ids.add(view.path("id").asString());
      named += view.path("name").asString().equals(name) ? 1 : 0;
      busyView = view.path("id").asString().equals(busy.id()) ? view : busyView;
    }
    assertThat(named).isEqualTo(520);
    assertThat(ids).doesNotHaveDuplicates();
    assertThat(busyView).isNotNull();
    assertThat(busyView.path("current_jobs").get(0).asString()).isEqualTo(build);
    assertThat(busyView.path("status").asString()).isEqualTo("busy");
  }

  @Test
  void aRunnerMayRegisterWithoutABody() {
    JsonNode registered = api.post("/v1/runners/register", admin, null).expect(200).json();

    JsonNode view =
        api.get("/v1/runners/" + registered.path("id").asString(), admin).expect(200).json();
    assertThat(view.path("name").asString())
        .isEqualTo(registered.path("name").asString())
        .isNotEmpty();
    assertThat(view.path("capabilities").path("platforms")).isEmpty();
    assertThat(view.path("capabilities").path("capacity").asInt()).isEqualTo(1);
  }

  @Test
  void runnersAreListedAndShownWithTheRunnerView() {
    Lane lane = lane();
    Runner runner = lane.runner(1);
    String adminId =
        api.post(
                "/v1/sessions",
                null,
                Map.of("username", "admin", "password", "test-admin-password"))
            .expect(200)
            .json()
            .path("user")
            .path("id")
            .asString();

    JsonNode listed = null;
    for (JsonNode view : api.get("/v1/runners", admin).expect(200).json()) {
      if (view.path("id").asString().equals(runner.id())) {
        listed = view;
      }
    }
    assertThat(listed).as("the new runner is listed").isNotNull();
    JsonNode one = api.get("/v1/runners/" + runner.id(), admin).expect(200).json();

    for (JsonNode view : List.of(listed, one)) {
      assertThat(fieldsOf(view)).containsExactlyInAnyOrderElementsOf(RUNNER_VIEW_FIELDS);
      assertThat(view.path("name").asString()).isEqualTo("runner");
      assertThat(view.path("status").asString()).isEqualTo("online");
      assertThat(fieldsOf(view.path("capabilities")))
          .containsExactlyInAnyOrder("platforms", "tools", "labels", "capacity");
      assertThat(view.path("capabilities").path("platforms").get(0).asString())
          .isEqualTo("android");
      assertThat(view.path("capabilities").path("tools").path("flutter").asString())
          .isEqualTo("3.27.1");
      assertThat(view.path("capabilities").path("labels").get(0).asString())
          .isEqualTo(lane.label());
      assertThat(view.path("capabilities").path("capacity").asInt()).isEqualTo(1);
      assertThat(view.path("last_heartbeat_at").isIntegralNumber()).isTrue();
      assertThat(view.path("registered_by").asString()).isEqualTo(adminId);
      assertThat(view.path("created_at").isIntegralNumber()).isTrue();
      assertThat(view.path("updated_at").isIntegralNumber()).isTrue();
      assertThat(view.path("current_jobs").isArray()).isTrue();
      assertThat(view.path("current_jobs")).isEmpty();
    }

    String build = lane.build();
    claim(runner);
    JsonNode busy = api.get("/v1/runners/" + runner.id(), admin).expect(200).json();
    assertThat(busy.path("status").asString()).isEqualTo("busy");
    assertThat(busy.path("current_jobs").get(0).asString()).isEqualTo(build);

    assertProblem(api.get("/v1/runners/runner_aaaaaaaaaaaaaaaa", admin), 404, "runner_not_found");
  }

  @Test
  void aRunnerChangesItselfAndDrains() {
    Lane lane = lane();
    Runner runner = lane.runner(1);

    JsonNode renamed =
        api.patch(
                runner.path(""),
                runner.token(),
                Map.of(
                    "name",
                    "renamed",
                    "capabilities",
                    Map.of(
                        "platforms",
                        List.of("android", "linux"),
                        "tools",
                        Map.of("flutter", "3.29.0"),
                        "labels",
                        List.of(lane.label(), "big"),
                        "capacity",
                        1)))
            .expect(200)
            .json();
    assertThat(fieldsOf(renamed)).containsExactlyInAnyOrderElementsOf(RUNNER_VIEW_FIELDS);
    assertThat(renamed.path("name").asString()).isEqualTo("renamed");
    assertThat(renamed.path("capabilities").path("platforms"))
        .extracting(JsonNode::asString)
        .containsExactlyInAnyOrder("android", "linux");
    assertThat(renamed.path("capabilities").path("tools").path("flutter").asString())
        .isEqualTo("3.29.0");

    JsonNode draining =
        api.patch(runner.path(""), runner.token(), Map.of("status", "draining")).expect(200).json();
    assertThat(draining.path("status").asString()).isEqualTo("draining");
    assertThat(draining.path("name").asString()).as("absent fields stay").isEqualTo("renamed");
    assertThat(
            api.get("/v1/runners/" + runner.id(), admin)
                .expect(200)
                .json()
                .path("status")
                .asString())
        .isEqualTo("draining");

    String build = lane.build();
    api.post(runner.path("/claim"), runner.token(), null).expect(204);
    long started = System.nanoTime();
    api.post(runner.path("/claim?wait=10"), runner.token(), null).expect(204);
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .as("a draining runner is answered at once")
        .isLessThan(Duration.ofSeconds(2));
    assertThat(api.post(runner.path("/heartbeat"), runner.token(), null).expect(200).text("status"))
        .isEqualTo("draining");

    JsonNode online =
        api.patch(runner.path(""), runner.token(), Map.of("status", "online")).expect(200).json();
    assertThat(online.path("status").asString()).isEqualTo("online");
    assertThat(claim(runner).path("build_id").asString()).isEqualTo(build);
  }

  @Test
  void deletingARunnerRevokesItsTokenAndRequeuesItsJob() {
    Lane lane = lane();
    Runner runner = lane.runner(1);
    String build = lane.build();
    claim(runner);

    assertThat(api.delete("/v1/runners/" + runner.id(), admin).expect(204).body()).isEmpty();

    assertProblem(api.post(runner.path("/heartbeat"), runner.token(), null), 401, "unauthorized");
    assertProblem(api.post(runner.path("/claim"), runner.token(), null), 401, "unauthorized");
    assertProblem(api.get("/v1/runners/" + runner.id(), admin), 404, "runner_not_found");
    assertProblem(api.delete("/v1/runners/" + runner.id(), admin), 404, "runner_not_found");
    assertThat(api.get("/v1/runners", admin).expect(200).body()).doesNotContain(runner.id());

    JsonNode requeued = api.get("/v1/builds/" + build, admin).expect(200).json();
    assertThat(requeued.path("status").asString()).isEqualTo("queued");
    assertThat(requeued.path("attempt").asInt()).isEqualTo(2);
    assertThat(requeued.path("runner_id").isNull()).isTrue();
    JsonNode first = requeued.path("attempts").get(0);
    assertThat(first.path("runner_id").asString()).isEqualTo(runner.id());
    assertThat(first.path("outcome").asString()).isEqualTo("runner_deleted");
    assertThat(first.path("ended_at").isIntegralNumber()).isTrue();

    Runner next = lane.runner(1);
    JsonNode job = claim(next);
    assertThat(job.path("build_id").asString()).isEqualTo(build);
    assertThat(job.path("attempt").asInt()).isEqualTo(2);
  }

  @Test
  void aHeartbeatRenewsLeasesAndTellsTheInterval() {
    Lane lane = lane();
    Runner runner = lane.runner(1);

    JsonNode idle = api.post(runner.path("/heartbeat"), runner.token(), null).expect(200).json();
    assertThat(fieldsOf(idle))
        .containsExactlyInAnyOrder("status", "heartbeat_interval_seconds", "jobs");
    assertThat(idle.path("status").asString()).isEqualTo("online");
    assertThat(idle.path("jobs")).isEmpty();
    // The API: a whole number >= 1; 2500ms is rounded down, so a runner is never told to wait too
    // long.
    assertThat(idle.path("heartbeat_interval_seconds").isIntegralNumber()).isTrue();
    assertThat(idle.path("heartbeat_interval_seconds").asLong()).isEqualTo(2);

    String build = lane.build();
    long claimedLease = claim(runner).path("lease_expires_at").asLong();
    JsonNode busy = api.post(runner.path("/heartbeat"), runner.token(), null).expect(200).json();
    assertThat(busy.path("status").asString()).isEqualTo("busy");
    JsonNode lease = busy.path("jobs").get(0);
    assertThat(fieldsOf(lease))
        .containsExactlyInAnyOrder("job_id", "lease_expires_at", "cancel_requested");
    assertThat(lease.path("job_id").asString()).isEqualTo(build);
    assertThat(lease.path("lease_expires_at").isIntegralNumber()).isTrue();
    assertThat(lease.path("lease_expires_at").asLong()).isGreaterThanOrEqualTo(claimedLease);
    assertThat(lease.path("cancel_requested").asBoolean()).isFalse();
    assertThat(
            api.get("/v1/runners/" + runner.id(), admin)
                .expect(200)
                .json()
                .path("last_heartbeat_at")
                .asLong())
        .isGreaterThanOrEqualTo(now() - 5);
  }

  @Test
  void aClaimAnswersTheSpecFieldsAndTheRepositoryAnd204WhenNothingMatches() {
    Lane lane = lane();
    Runner runner = lane.runner(2);
    JsonNode build =
        api.post(
                "/v1/pipelines/" + lane.pipelineId() + "/builds",
                admin,
                Map.of("commit_sha", "a1b2c3d4e5f6", "branch", "main"))
            .expect(201)
            .json();

    JsonNode job = claim(runner);

    assertThat(fieldsOf(job)).containsExactlyInAnyOrderElementsOf(CLAIM_FIELDS);
    assertThat(job.path("build_id").asString()).isEqualTo(build.path("id").asString());
    assertThat(job.path("project_id").asString()).isEqualTo(lane.projectId());
    assertThat(job.path("pipeline_id").asString()).isEqualTo(lane.pipelineId());
    assertThat(job.path("build_number").isIntegralNumber()).isTrue();
    assertThat(job.path("build_number").asLong()).isEqualTo(build.path("build_number").asLong());
    assertThat(job.path("platform").asString()).isEqualTo("android");
    assertThat(job.path("attempt").asInt()).isEqualTo(1);
    assertThat(job.path("config_snapshot").path("flavor").asString()).isEqualTo("prod");
    assertThat(job.path("repository_url").asString()).isEqualTo("https://git.example.com/app.git");
    assertThat(job.path("commit_sha").asString()).isEqualTo("a1b2c3d4e5f6");
    assertThat(job.path("branch").asString()).isEqualTo("main");
    assertThat(job.path("lease_expires_at").isIntegralNumber()).isTrue();
    assertThat(job.path("lease_expires_at").asLong()).isGreaterThan(now());

    Response nothing = api.post(runner.path("/claim"), runner.token(), null).expect(204);
    assertThat(nothing.body()).isEmpty();
  }

  @Test
  void aRunnerAtCapacityIsRefused() {
    Lane lane = lane();
    Runner runner = lane.runner(1);
    lane.build();
    String waiting = lane.build();
    claim(runner);

    assertProblem(api.post(runner.path("/claim"), runner.token(), null), 409, "runner_at_capacity");
    assertProblem(
        api.post(runner.path("/claim?wait=3"), runner.token(), null), 409, "runner_at_capacity");
    assertThat(api.get("/v1/builds/" + waiting, admin).expect(200).text("status"))
        .isEqualTo("queued");
  }

  @ParameterizedTest
  @ValueSource(strings = {"31", "abc", "-1", "2.5", "99999999999"})
  void aWaitOutsideZeroToThirtySecondsIsRefused(String wait) {
    Runner runner = lane().runner(1);

    JsonNode problem =
        assertProblem(
            api.post(runner.path("/claim?wait=" + wait), runner.token(), null),
            400,
            "validation_failed");

    assertThat(problem.path("detail").asString()).contains("wait");
    assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("wait");
  }

  @Test
  void aLongPollWithNothingQueuedAnswers204AfterTheWait() {
    Runner runner = lane().runner(1);

    long started = System.nanoTime();
    api.post(runner.path("/claim?wait=2"), runner.token(), null).expect(204);
    Duration waited = Duration.ofNanos(System.nanoTime() - started);

    assertThat(waited).isBetween(Duration.ofMillis(1900), Duration.ofMillis(4000));
  }

  @Test
  void aLongPollIsAnsweredPromptlyWhenABuildArrives() throws Exception {
    Lane lane = lane();
    Runner runner = lane.runner(1);
    String contactKey = hangar.namespace().name() + ":runner:" + runner.id();
    String contactBefore = hangar.namespace().redis().hget(contactKey, "last_contact_at");

    long started = System.nanoTime();
    CompletableFuture<Response> poll =
        CompletableFuture.supplyAsync(
            () -> api.post(runner.path("/claim?wait=5"), runner.token(), null));
    // The claim has authenticated (which records contact) and is waiting, not yet answered.
    await()
        .atMost(Duration.ofSeconds(3))
        .until(
            () ->
                !hangar
                    .namespace()
                    .redis()
                    .hget(contactKey, "last_contact_at")
                    .equals(contactBefore));
    assertThat(poll).isNotDone();

    long created = System.nanoTime();
    String build = lane.build();
    Response answer = poll.get(10, TimeUnit.SECONDS);

    answer.expect(200);
    assertThat(answer.text("build_id")).isEqualTo(build);
    assertThat(Duration.ofNanos(System.nanoTime() - created))
        .as("answered soon after the build came")
        .isLessThan(Duration.ofMillis(1500));
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .as("well before the wait ran out")
        .isLessThan(Duration.ofMillis(4500));
  }

  // ---- jobs ----

  @Test
  void aRunnerReadsItsJob() {
    Lane lane = lane();
    Runner runner = lane.runner(1);
    String build = lane.build();
    JsonNode claimed = claim(runner);

    JsonNode job = api.get(runner.path("/jobs/" + build), runner.token()).expect(200).json();

    assertThat(job.path("build_id").asString()).isEqualTo(build);
    assertThat(job.path("status").asString()).isEqualTo("assigned");
    assertThat(job.path("attempt").asInt()).isEqualTo(1);
    assertThat(job.path("cancel_requested").asBoolean()).isFalse();
    assertThat(job.path("config_snapshot").path("flavor").asString()).isEqualTo("prod");
    assertThat(job.path("repository_url").asString()).isEqualTo("https://git.example.com/app.git");
    assertThat(job.path("lease_expires_at").asLong())
        .isGreaterThanOrEqualTo(claimed.path("lease_expires_at").asLong());
  }

  @Test
  void aRunnerReportsRunningThenSucceededAndARepeatIsIdempotent() {
    Lane lane = lane();
    Runner runner = lane.runner(1);
    String build = lane.build();
    claim(runner);

    JsonNode running =
        report(runner, build, Map.of("status", "running", "attempt", 1)).expect(200).json();
    assertThat(running.path("status").asString()).isEqualTo("running");
    assertThat(running.has("cancel_requested")).isTrue();
    assertThat(running.path("cancel_requested").asBoolean()).isFalse();
    assertThat(running.path("lease_expires_at").asLong()).isGreaterThan(now());

    report(
            runner,
            build,
            Map.of(
                "status",
                "running",
                "progress",
                Map.of("step", "flutter build apk", "percent", 40)))
        .expect(200);
    assertThat(
            api.get("/v1/builds/" + build, admin)
                .expect(200)
                .json()
                .path("progress")
                .path("percent")
                .asInt())
        .isEqualTo(40);

    Map<String, Object> success =
        Map.of(
            "status",
            "succeeded",
            "exit_code",
            0,
            "message",
            "done",
            "steps",
            List.of(
                Map.of(
                    "name",
                    "flutter build apk",
                    "status",
                    "succeeded",
                    "exit_code",
                    0,
                    "started_at",
                    now() - 60,
                    "finished_at",
                    now(),
                    "duration_ms",
                    60000)));
    JsonNode succeeded = report(runner, build, success).expect(200).json();
    assertThat(succeeded.path("status").asString()).isEqualTo("succeeded");
    assertThat(succeeded.path("cancel_requested").asBoolean()).isFalse();

    JsonNode again = report(runner, build, success).expect(200).json();
    assertThat(again.path("status").asString()).isEqualTo("succeeded");
    assertProblem(report(runner, build, Map.of("status", "failed")), 409, "invalid_transition");

    JsonNode view = api.get("/v1/builds/" + build, admin).expect(200).json();
    assertThat(view.path("status").asString()).isEqualTo("succeeded");
    assertThat(view.path("exit_code").asInt()).isZero();
    assertThat(view.path("failure_reason").isNull()).isTrue();
    assertThat(view.path("lease_expires_at").isNull()).isTrue();
    JsonNode step = view.path("steps").get(0);
    assertThat(fieldsOf(step))
        .containsExactlyInAnyOrder(
            "name", "status", "exit_code", "started_at", "finished_at", "duration_ms");
    assertThat(step.path("duration_ms").asLong()).isEqualTo(60000);
    JsonNode attempt = view.path("attempts").get(0);
    assertThat(attempt.path("outcome").asString()).isEqualTo("succeeded");
    assertThat(attempt.path("ended_at").isIntegralNumber()).isTrue();
    assertThat(api.get("/v1/runners/" + runner.id(), admin).expect(200).json().path("current_jobs"))
        .isEmpty();
  }

  @Test
  void aRunnerMayFailAJobItHasNotStarted() {
    Lane lane = lane();
    Runner runner = lane.runner(1);
    String build = lane.build();
    claim(runner);

    report(runner, build, Map.of("status", "failed", "exit_code", 3, "message", "no disk"))
        .expect(200);

    JsonNode view = api.get("/v1/builds/" + build, admin).expect(200).json();
    assertThat(view.path("status").asString()).isEqualTo("failed");
    assertThat(view.path("failure_reason").asString()).isEqualTo("runner_reported");
    assertThat(view.path("exit_code").asInt()).isEqualTo(3);
  }

  // ---- projects, pipelines, builds ----

  @Test
  void projectsPipelinesAndBuildsAreCreatedAndRead() {
    Response createdProject =
        api.post(
                "/v1/projects",
                admin,
                Map.of("name", "shop", "repository_url", "git@git.example.com:org/shop.git"))
            .expect(201);
    JsonNode project = createdProject.json();
    String projectId = project.path("id").asString();
    assertThat(projectId).startsWith("proj_");
    assertThat(project.path("name").asString()).isEqualTo("shop");
    assertThat(project.path("repository_url").asString())
        .isEqualTo("git@git.example.com:org/shop.git");
    assertThat(project.path("created_at").isIntegralNumber()).isTrue();
    assertThat(createdProject.header("Location")).endsWith("/v1/projects/" + projectId);
    assertThat(createdProject.cameWhole()).isTrue();

    assertThat(api.get("/v1/projects", admin).expect(200).json())
        .extracting(p -> p.path("id").asString())
        .contains(projectId);
    assertThat(api.get("/v1/projects/" + projectId, admin).expect(200).json()).isEqualTo(project);

    Map<String, Object> config =
        Map.of(
            "flavor",
            "prod",
            "targets",
            List.of("apk", "aab"),
            "nested",
            Map.of("obfuscate", true));
    JsonNode pipeline =
        api.post(
                "/v1/projects/" + projectId + "/pipelines",
                admin,
                Map.of(
                    "name",
                    "release",
                    "platform",
                    "ios",
                    "labels",
                    List.of("m2"),
                    "tools",
                    Map.of("xcode", "16"),
                    "config",
                    config))
            .expect(201)
            .json();
    String pipelineId = pipeline.path("id").asString();
    assertThat(pipelineId).startsWith("pipe_");
    assertThat(pipeline.path("project_id").asString()).isEqualTo(projectId);
    assertThat(pipeline.path("name").asString()).isEqualTo("release");
    assertThat(pipeline.path("platform").asString()).isEqualTo("ios");
    assertThat(pipeline.path("labels").get(0).asString()).isEqualTo("m2");
    assertThat(pipeline.path("tools").path("xcode").asString()).isEqualTo("16");
    assertThat(pipeline.path("config").path("nested").path("obfuscate").asBoolean()).isTrue();
    assertThat(api.get("/v1/projects/" + projectId + "/pipelines", admin).expect(200).json())
        .containsExactly(pipeline);

    Response createdBuild =
        api.post(
                "/v1/pipelines/" + pipelineId + "/builds",
                admin,
                Map.of("commit_sha", "a1b2c3d", "branch", "main"))
            .expect(201);
    JsonNode first = createdBuild.json();
    assertThat(createdBuild.header("Location"))
        .endsWith("/v1/builds/" + first.path("id").asString());
    assertThat(createdBuild.cameWhole()).isTrue();
    JsonNode second =
        api.post(
                "/v1/pipelines/" + pipelineId + "/builds",
                admin,
                Map.of("commit_sha", "a1b2c3e", "branch", "feature/x", "priority", "high"))
            .expect(201)
            .json();
    // On "web", which no runner here offers: a pipeline without a lane label would feed other
    // tests' runners.
    String otherProject = given.project();
    JsonNode elsewhere =
        api.post(
                "/v1/pipelines/"
                    + given.pipeline(otherProject, "web", List.of(), Map.of())
                    + "/builds",
                admin,
                Map.of("commit_sha", "a1b2c3d", "branch", "main"))
            .expect(201)
            .json();

    assertThat(first.path("id").asString()).startsWith("build_");
    assertThat(first.path("build_number").asLong()).isEqualTo(1);
    assertThat(second.path("build_number").asLong()).isEqualTo(2);
    assertThat(elsewhere.path("build_number").asLong()).as("numbers are per project").isEqualTo(1);
    assertThat(first.path("status").asString()).isEqualTo("queued");
    assertThat(first.path("priority").asString()).isEqualTo("normal");
    assertThat(second.path("priority").asString()).isEqualTo("high");
    assertThat(first.path("config_snapshot")).isEqualTo(pipeline.path("config"));
    assertThat(first.path("project_id").asString()).isEqualTo(projectId);
    assertThat(first.path("pipeline_id").asString()).isEqualTo(pipelineId);
    assertThat(first.path("platform").asString()).isEqualTo("ios");

    JsonNode view = api.get("/v1/builds/" + first.path("id").asString(), admin).expect(200).json();
    assertThat(fieldsOf(view))
        .contains(
            "id",
            "project_id",
            "pipeline_id",
            "build_number",
            "status",
            "attempt",
            "runner_id",
            "lease_expires_at",
            "cancel_requested",
            "failure_reason",
            "exit_code",
            "steps",
            "attempts",
            "config_snapshot",
            "commit_sha",
            "branch",
            "priority",
            "created_at",
            "updated_at");
    assertThat(view.path("attempt").asInt()).isEqualTo(1);
    assertThat(view.path("runner_id").isNull()).isTrue();
    assertThat(view.path("lease_expires_at").isNull()).isTrue();
    assertThat(view.path("cancel_requested").asBoolean()).isFalse();
    assertThat(view.path("failure_reason").isNull()).isTrue();
    assertThat(view.path("exit_code").isNull()).isTrue();
    assertThat(view.path("steps").isArray()).isTrue();
    assertThat(view.path("attempts").isArray()).isTrue();
    assertThat(view.path("attempts")).isEmpty();
  }

  @Test
  void aClaimedBuildShowsItsRunnerLeaseAndAttempt() {
    Lane lane = lane();
    Runner runner = lane.runner(1);
    String build = lane.build();
    long lease = claim(runner).path("lease_expires_at").asLong();

    JsonNode view = api.get("/v1/builds/" + build, admin).expect(200).json();

    assertThat(view.path("status").asString()).isEqualTo("assigned");
    assertThat(view.path("runner_id").asString()).isEqualTo(runner.id());
    assertThat(view.path("lease_expires_at").asLong()).isEqualTo(lease);
    JsonNode attempt = view.path("attempts").get(0);
    assertThat(fieldsOf(attempt))
        .containsExactlyInAnyOrder("attempt", "runner_id", "claimed_at", "ended_at", "outcome");
    assertThat(attempt.path("attempt").asInt()).isEqualTo(1);
    assertThat(attempt.path("runner_id").asString()).isEqualTo(runner.id());
    assertThat(attempt.path("claimed_at").asLong()).isBetween(now() - 60, now() + 1);
    assertThat(attempt.path("ended_at").isNull()).isTrue();
    assertThat(attempt.path("outcome").isNull()).isTrue();
  }

  @Test
  void aProjectsBuildsAreFilteredByStatusNewestFirst() {
    Lane lane = lane();
    String first = lane.build();
    String second = lane.build();
    String cancelled = lane.build();
    api.post("/v1/builds/" + cancelled + "/cancel", admin, null).expect(200);
    String base = "/v1/projects/" + lane.projectId() + "/builds";

    assertThat(api.get(base + "?status=queued", admin).expect(200).json())
        .extracting(b -> b.path("id").asString())
        .containsExactly(second, first);
    assertThat(api.get(base + "?status=cancelled", admin).expect(200).json())
        .extracting(b -> b.path("id").asString())
        .containsExactly(cancelled);
    assertThat(api.get(base + "?status=running", admin).expect(200).json()).isEmpty();
    assertThat(api.get(base, admin).expect(200).json())
        .extracting(b -> b.path("id").asString())
        .containsExactly(cancelled, second, first);
    assertThat(api.get(base + "?limit=1", admin).expect(200).json())
        .extracting(b -> b.path("id").asString())
        .containsExactly(cancelled);
  }

  @Test
  void cancellingAQueuedBuildEndsItAtOnce() {
    Lane lane = lane();
    Runner runner = lane.runner(1);
    String build = lane.build();

    JsonNode cancelled =
        api.post("/v1/builds/" + build + "/cancel", admin, null).expect(200).json();

    assertThat(cancelled.path("id").asString()).isEqualTo(build);
    assertThat(cancelled.path("status").asString()).isEqualTo("cancelled");
    api.post(runner.path("/claim"), runner.token(), null).expect(204);
    assertProblem(
        api.post("/v1/builds/" + build + "/cancel", admin, null), 409, "invalid_transition");
  }

  @Test
  void cancellingARunningBuildReachesItsRunner() {
    Lane lane = lane();
    Runner runner = lane.runner(1);
    String build = lane.build();
    claim(runner);
    report(runner, build, Map.of("status", "running")).expect(200);

    JsonNode requested =
        api.post("/v1/builds/" + build + "/cancel", admin, null).expect(200).json();
    assertThat(requested.path("status").asString()).isEqualTo("running");
    assertThat(requested.path("cancel_requested").asBoolean()).isTrue();

    JsonNode heartbeat =
        api.post(runner.path("/heartbeat"), runner.token(), null).expect(200).json();
    assertThat(heartbeat.path("jobs").get(0).path("job_id").asString()).isEqualTo(build);
    assertThat(heartbeat.path("jobs").get(0).path("cancel_requested").asBoolean()).isTrue();
    assertThat(
            report(runner, build, Map.of("status", "running"))
                .expect(200)
                .json()
                .path("cancel_requested")
                .asBoolean())
        .isTrue();
    assertThat(
            api.get(runner.path("/jobs/" + build), runner.token())
                .expect(200)
                .json()
                .path("cancel_requested")
                .asBoolean())
        .isTrue();

    JsonNode stopped =
        report(runner, build, Map.of("status", "cancelled", "exit_code", 130)).expect(200).json();
    assertThat(stopped.path("status").asString()).isEqualTo("cancelled");

    JsonNode view = api.get("/v1/builds/" + build, admin).expect(200).json();
    assertThat(view.path("status").asString()).isEqualTo("cancelled");
    assertThat(view.path("attempts").get(0).path("outcome").asString()).isEqualTo("cancelled");
  }
}
