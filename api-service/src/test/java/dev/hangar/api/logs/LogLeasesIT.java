package dev.hangar.api.logs;

import static dev.hangar.api.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hangar.api.support.ApiClient;
import dev.hangar.api.support.DispatcherInstance;
import dev.hangar.api.support.Given;
import dev.hangar.api.support.Hangar;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Logs under the lease rules, with 2 s leases and two attempts per build: a runner that lost its
 * build cannot add to its log, the next attempt's output follows a header, and the log of a build
 * that ends without its runner (the reaper fails it, a user cancels it while it waits again) is
 * archived. The api-service here cannot write to its data directory, as if it died before
 * archiving: each finished log reaches its file through the dispatcher.
 *
 * <p>Each test has a lane (a label) of its own, so the tests run at once: they mostly wait out
 * leases.
 */
@Execution(ExecutionMode.CONCURRENT)
class LogLeasesIT {

  private static final Duration SOON = Duration.ofSeconds(30);
  private static final AtomicInteger LANES = new AtomicInteger();

  @TempDir static Path dataDir;
  @TempDir static Path elsewhere;
  private static Hangar hangar;
  private static DispatcherInstance dispatcher;
  private static ApiClient api;
  private static Given given;
  private static RedisCommands<String, String> redis;
  private static String ns;

  @BeforeAll
  static void start() throws Exception {
    Map<String, Object> settings = new HashMap<>();
    settings.put("hangar.lease-ttl", "2s");
    settings.put("hangar.heartbeat-interval", "1s");
    settings.put("hangar.max-attempts", "2");
    // A file where the api-service expects a directory: every archive it tries fails.
    Path broken = Files.writeString(elsewhere.resolve("not-a-directory"), "");
    settings.put("hangar.data-dir", broken);
    hangar = Hangar.start(1, 0, settings);
    Map<String, Object> dispatcherSettings = new HashMap<>(settings);
    dispatcherSettings.put("hangar.data-dir", dataDir);
    dispatcher = DispatcherInstance.start(hangar.namespace(), dispatcherSettings);
    api = hangar.client();
    given = new Given(api);
    redis = hangar.namespace().redis();
    ns = hangar.namespace().name();
  }

  @AfterAll
  static void stop() throws Exception {
    if (dispatcher != null) {
      dispatcher.close();
    }
    hangar.close();
  }

  private record Lane(String pipeline, String label) {}

  private static Lane lane() {
    String label = "lease" + LANES.incrementAndGet();
    return new Lane(given.pipeline(given.project(), "android", List.of(label), Map.of()), label);
  }

  private static Given.Runner runner(Lane lane) {
    return given.runner(List.of("android"), Map.of(), List.of(lane.label()), 1);
  }

  private static int claimAndRun(Given.Runner runner, String build) {
    return given.runningJob(runner, build).attempt();
  }

  private static ApiClient.Response append(
      Given.Runner runner, String build, int attempt, long offset, String text) {
    return api.send(
        "POST",
        runner.path("/jobs/" + build + "/logs?attempt=" + attempt + "&offset=" + offset),
        runner.token(),
        text.getBytes(StandardCharsets.UTF_8),
        "application/octet-stream");
  }

  private static Path file(String build) {
    return dataDir.resolve("blobs").resolve(ns).resolve("logs").resolve(build + ".log");
  }

  private static void awaitArchived(String build) {
    await().atMost(SOON).until(() -> Files.exists(file(build)));
    await()
        .atMost(SOON)
        .until(() -> redis.exists(ns + ":log:" + build, ns + ":log:" + build + ":state") == 0);
  }

  private static String header(int attempt) {
    return "\n--- attempt " + attempt + " (the build was requeued) ---\n";
  }

  @Test
  void aRunnerThatLostItsBuildCannotLogAndTheNextAttemptFollowsAHeader() throws Exception {
    Lane lane = lane();
    Given.Runner silent = runner(lane);
    Given.Runner next = runner(lane);
    String build = given.build(lane.pipeline());
    assertThat(claimAndRun(silent, build)).isEqualTo(1);
    append(silent, build, 1, 0, "attempt one\n").expect(200);

    assertThat(claimAndRun(next, build)).isEqualTo(2);

    assertProblem(append(silent, build, 1, 12, "too late\n"), 409, "lease_lost");
    assertProblem(append(silent, build, 2, 0, "not mine\n"), 409, "lease_lost");
    append(next, build, 2, 0, "attempt two\n").expect(200);
    api.post(
            next.path("/jobs/" + build + "/status"),
            next.token(),
            Map.of("status", "succeeded", "attempt", 2, "exit_code", 0))
        .expect(200);
    awaitArchived(build);
    assertThat(Files.readString(file(build)))
        .isEqualTo("attempt one\n" + header(2) + "attempt two\n");
  }

  @Test
  void aBuildTheReaperFailsEndsItsFollowersAndHasItsLogArchived() throws Exception {
    Lane lane = lane();
    Given.Runner silent = runner(lane);
    Given.Runner alsoSilent = runner(lane);
    String build = given.build(lane.pipeline());
    try (EventStream follower =
        EventStream.open(
            hangar.api(0).baseUrl(),
            "/v1/builds/" + build + "/logs/stream",
            given.adminToken(),
            null)) {
      claimAndRun(silent, build);
      append(silent, build, 1, 0, "first\n").expect(200);
      assertThat(claimAndRun(alsoSilent, build)).isEqualTo(2);
      append(alsoSilent, build, 2, 0, "second\n").expect(200);

      await().atMost(SOON).until(() -> follower.end().isPresent());
      assertThat(follower.end().orElseThrow().json().path("status").asString()).isEqualTo("failed");
      assertThat(follower.text()).isEqualTo("first\n" + header(2) + "second\n");
    }
    awaitArchived(build);
    assertThat(Files.readString(file(build))).isEqualTo("first\n" + header(2) + "second\n");
  }

  @Test
  void aRequeuedBuildCancelledWhileItWaitsHasItsLogArchived() throws Exception {
    Lane lane = lane();
    Given.Runner silent = runner(lane);
    String build = given.build(lane.pipeline());
    claimAndRun(silent, build);
    append(silent, build, 1, 0, "before the lease ran out\n").expect(200);
    await()
        .atMost(SOON)
        .until(
            () ->
                api.get("/v1/builds/" + build, given.adminToken()).text("status").equals("queued"));

    api.post("/v1/builds/" + build + "/cancel", given.adminToken(), null).expect(200);

    awaitArchived(build);
    assertThat(Files.readString(file(build))).isEqualTo("before the lease ran out\n");
  }
}
