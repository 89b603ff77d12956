package dev.hangar.api.retention;

import static dev.hangar.api.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hangar.api.support.ApiClient;
import dev.hangar.api.support.Given;
import dev.hangar.api.support.Hangar;
import dev.hangar.api.support.LoggedWarnings;
import dev.hangar.engine.retention.RetentionSweep;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Retention end to end (docs/retention.md), on two api-service instances and a dispatcher: a
 * project's {@code retention_days} (or HANGAR_RETENTION) sets when an ended build's log goes; the
 * dispatcher deletes it then, the build view says so, the log answers 410, and a younger build
 * keeps everything. Days are skipped by moving a build's entry in the retention index into the past
 * ({@link PastExpiry}).
 */
class RetentionIT {

  private static final Duration SOON = Duration.ofSeconds(20);
  private static final Duration DEFAULT_RETENTION = Duration.ofDays(3);
  private static final AtomicInteger LANES = new AtomicInteger();

  @TempDir static Path dataDir;
  private static Hangar hangar;
  private static ApiClient api;
  private static ApiClient other;
  private static Given given;
  private static RedisCommands<String, String> redis;
  private static String ns;
  private static LoggedWarnings warnings;

  @BeforeAll
  static void start() {
    hangar =
        Hangar.start(
            2,
            1,
            Map.of("hangar.data-dir", dataDir, "hangar.retention", DEFAULT_RETENTION.toString()));
    api = hangar.client(0);
    other = hangar.client(1);
    given = new Given(api);
    redis = hangar.namespace().redis();
    ns = hangar.namespace().name();
    warnings = LoggedWarnings.capture();
  }

  @AfterAll
  static void stop() throws Exception {
    warnings.close();
    hangar.close();
  }

  @Test
  void aProjectShowsItsRetentionDaysOrNullForTheDefault() {
    JsonNode kept = createProject(30);
    JsonNode plain = createProject(null);

    assertThat(kept.path("retention_days").asInt()).isEqualTo(30);
    assertThat(plain.has("retention_days")).isTrue();
    assertThat(plain.path("retention_days").isNull()).isTrue();
    assertThat(
            api.get("/v1/projects/" + kept.path("id").asString(), given.adminToken())
                .expect(200)
                .json()
                .path("retention_days")
                .asInt())
        .isEqualTo(30);
  }

  @Test
  void anExpiredBuildLosesItsLogAndSaysSoAndAYoungerBuildKeepsEverything() {
    String project = createProject(1).path("id").asString();
    String lane = "retention" + LANES.incrementAndGet();
    String pipeline = given.pipeline(project, "android", List.of(lane), Map.of());
    String old = finishedBuildWithLog(pipeline, lane, "old\n");
    String young = finishedBuildWithLog(pipeline, lane, "young\n");
    assertThat(expiry(old) - finishedAt(old)).isEqualTo(Duration.ofDays(1).toMillis());
    assertThat(build(young).path("data_expired_at").isNull()).isTrue();

    PastExpiry.backdate(redis, ns, old);

    await().atMost(SOON).until(() -> !build(old).path("data_expired_at").isNull());
    assertThat(file(old)).doesNotExist();
    assertThat(build(old).path("data_expired_at").asLong())
        .isBetween(finishedAt(old) / 1000, System.currentTimeMillis() / 1000 + 1);
    assertThat(redis.zscore(ns + ":retention", old)).isNull();
    for (ApiClient client : List.of(api, other)) {
      assertProblem(
          client.get("/v1/builds/" + old + "/logs", given.adminToken()), 410, "log_expired");
      assertProblem(
          client.get("/v1/builds/" + old + "/logs/stream", given.adminToken()), 410, "log_expired");
    }
    assertThat(file(young)).exists();
    assertThat(build(young).path("data_expired_at").isNull()).isTrue();
    assertThat(api.get("/v1/builds/" + young + "/logs", given.adminToken()).expect(200).body())
        .isEqualTo("young\n");
    assertThat(redis.zscore(ns + ":retention", young)).isNotNull();
  }

  @Test
  void aBuildWhoseLogCannotBeArchivedStaysForALaterPassAndExpiresOnceItIs() throws Exception {
    String project = createProject(1).path("id").asString();
    String lane = "retention" + LANES.incrementAndGet();
    String pipeline = given.pipeline(project, "android", List.of(lane), Map.of());
    Given.Runner runner = given.runner(List.of("android"), Map.of(), List.of(lane), 1);
    Given.RunningJob job = runningJobWithLog(pipeline, runner, "stuck\n");
    String build = job.build();
    // A file where the namespace's log directory belongs: no log of it can be archived (as root,
    // too, which permissions would not stop).
    Path directory = dataDir.resolve("blobs").resolve(ns).resolve("logs");
    Path aside = dataDir.resolve("blobs").resolve(ns).resolve("logs.aside");
    if (Files.exists(directory)) {
      Files.move(directory, aside);
    }
    Files.writeString(directory, "not a directory");
    try {
      given.succeeded(job);
      PastExpiry.backdate(redis, ns, build);

      await().atMost(SOON).until(() -> dispatcherWarned("could not delete the data of " + build));
      assertThat(build(build).path("data_expired_at").isNull()).isTrue();
      assertThat(redis.zscore(ns + ":retention", build)).isNotNull();
      assertThat(api.get("/v1/builds/" + build + "/logs", given.adminToken()).expect(200).body())
          .isEqualTo("stuck\n");
    } finally {
      Files.delete(directory);
      if (Files.exists(aside)) {
        Files.move(aside, directory);
      }
    }

    await().atMost(SOON).until(() -> !build(build).path("data_expired_at").isNull());
    assertThat(file(build)).doesNotExist();
    assertThat(redis.exists(ns + ":log:" + build)).isZero();
    assertThat(redis.sismember(ns + ":logs:live", build)).isFalse();
    assertProblem(api.get("/v1/builds/" + build + "/logs", given.adminToken()), 410, "log_expired");
  }

  @Test
  void aBuildOfAProjectWithoutRetentionDaysFollowsTheGlobalDefault() {
    String project = createProject(null).path("id").asString();
    String lane = "retention" + LANES.incrementAndGet();
    String pipeline = given.pipeline(project, "android", List.of(lane), Map.of());
    String build = finishedBuildWithLog(pipeline, lane, "default\n");

    assertThat(expiry(build) - finishedAt(build)).isEqualTo(DEFAULT_RETENTION.toMillis());
  }

  @Test
  void aBuildCancelledWhileItWaitedIsFiledToo() {
    String build =
        given.build(
            given.pipeline(
                createProject(2).path("id").asString(),
                "web",
                List.of("retention-never-claimed"),
                Map.of()));
    api.post("/v1/builds/" + build + "/cancel", given.adminToken(), null).expect(200);

    assertThat(expiry(build) - finishedAt(build)).isEqualTo(Duration.ofDays(2).toMillis());
  }

  @Test
  void sweepsRunningAtOnceOnTwoInstancesExpireEveryDueBuildAndFailNone() throws Exception {
    String project = createProject(1).path("id").asString();
    String lane = "retention" + LANES.incrementAndGet();
    String pipeline = given.pipeline(project, "android", List.of(lane), Map.of());
    List<String> builds = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      builds.add(finishedBuildWithLog(pipeline, lane, "build " + i + "\n"));
    }
    builds.forEach(build -> PastExpiry.backdate(redis, ns, build));

    // Both instances' sweeps (and the dispatcher's, on its timer) meet the same due builds.
    CyclicBarrier start = new CyclicBarrier(2);
    try (LoggedWarnings warnings = LoggedWarnings.capture();
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Integer>> sweeps = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        RetentionSweep sweep = hangar.api(i).bean(RetentionSweep.class);
        sweeps.add(
            threads.submit(
                () -> {
                  start.await(10, TimeUnit.SECONDS);
                  return sweep.sweep();
                }));
      }
      for (Future<Integer> sweep : sweeps) {
        assertThat(sweep.get(30, TimeUnit.SECONDS)).isBetween(0, builds.size());
      }
      assertThat(warnings.lines()).noneMatch(line -> line.contains("RetentionSweep"));
    }

    await()
        .atMost(SOON)
        .until(() -> builds.stream().noneMatch(b -> build(b).path("data_expired_at").isNull()));
    for (String build : builds) {
      assertThat(file(build)).doesNotExist();
      assertThat(redis.zscore(ns + ":retention", build)).isNull();
    }
    assertThat(dispatcherWarned("could not delete the data of")).isFalse();
  }

  /** Whether the dispatcher, in this JVM with the api-services, has logged such a warning. */
  private static boolean dispatcherWarned(String text) {
    return warnings.lines().stream().anyMatch(line -> line.contains(text));
  }

  private static JsonNode createProject(Integer retentionDays) {
    Map<String, Object> body = new HashMap<>();
    body.put("name", "app");
    body.put("repository_url", "https://git.example.com/app.git");
    if (retentionDays != null) {
      body.put("retention_days", retentionDays);
    }
    return api.post("/v1/projects", given.adminToken(), body).expect(201).json();
  }

  /** A build run by a runner of its own lane that logged {@code text}, ended and archived. */
  private static String finishedBuildWithLog(String pipeline, String lane, String text) {
    Given.Runner runner = given.runner(List.of("android"), Map.of(), List.of(lane), 1);
    Given.RunningJob job = runningJobWithLog(pipeline, runner, text);
    given.succeeded(job);
    await().atMost(SOON).until(() -> Files.exists(file(job.build())));
    return job.build();
  }

  /** A build the runner claimed and reported running, and whose log holds {@code text}. */
  private static Given.RunningJob runningJobWithLog(
      String pipeline, Given.Runner runner, String text) {
    Given.RunningJob job = given.runningJob(runner, given.build(pipeline));
    api.send(
            "POST",
            runner.path("/jobs/" + job.build() + "/logs?attempt=" + job.attempt() + "&offset=0"),
            runner.token(),
            text.getBytes(StandardCharsets.UTF_8),
            "application/octet-stream")
        .expect(200);
    return job;
  }

  private static JsonNode build(String id) {
    return api.get("/v1/builds/" + id, given.adminToken()).expect(200).json();
  }

  private static long expiry(String build) {
    Double score = redis.zscore(ns + ":retention", build);
    assertThat(score).as("%s in the retention index", build).isNotNull();
    return score.longValue();
  }

  private static long finishedAt(String build) {
    return Long.parseLong(redis.hget(ns + ":build:" + build, "finished_at"));
  }

  private static Path file(String build) {
    return dataDir.resolve("blobs").resolve(ns).resolve("logs").resolve(build + ".log");
  }
}
