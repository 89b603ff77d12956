package dev.hangar.api.runners;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.api.support.ApiClient;
import dev.hangar.api.support.Given;
import dev.hangar.api.support.Hangar;
import dev.hangar.engine.claims.ClaimService;
import dev.hangar.engine.runners.RunnerCredentials;
import dev.hangar.engine.runners.RunnerStore;
import dev.hangar.model.runners.JobView;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Long-poll claims across two instances: a build published through one instance reaches a runner
 * waiting on the other long before its wait ends; a claim that can no longer be delivered goes back
 * to its queue at the same attempt. The recheck is far longer than any wait here: every waiter must
 * be served by a work signal, so a broken signal fails these tests instead of being covered by the
 * timer.
 */
class LongPollIT {

  private static Hangar hangar;
  private static Given given;

  @BeforeAll
  static void start() {
    hangar = Hangar.start(2, 0, Map.of("hangar.claim-recheck", "10m"));
    given = new Given(hangar.client(0));
  }

  @AfterAll
  static void stop() throws Exception {
    hangar.close();
  }

  @Test
  void aWaitingRunnerOnOneInstanceGetsABuildCreatedOnTheOther() throws Exception {
    String pipeline = given.pipeline("android");
    Given.Runner runner = given.runner("android");
    CompletableFuture<ApiClient.Response> waiting =
        CompletableFuture.supplyAsync(
            () -> hangar.client(1).post(runner.path("/claim?wait=30"), runner.token(), null));
    awaitWaiters(1, 1);

    String build = given.build(pipeline);

    // Well inside the 30 s wait: the signal woke the waiter, no timer did.
    JsonNode job = waiting.get(10, TimeUnit.SECONDS).expect(200).json();
    assertThat(job.path("build_id").asString()).isEqualTo(build);
    assertThat(job.path("attempt").asInt()).isEqualTo(1);
  }

  @Test
  void aRunnerThatDrainsWhileItWaitsOnAnotherInstanceIsAnsweredAtOnce() throws Exception {
    Given.Runner runner = given.runner(List.of("windows"), Map.of(), List.of("drain"), 1);
    CompletableFuture<ApiClient.Response> waiting =
        CompletableFuture.supplyAsync(
            () -> hangar.client(1).post(runner.path("/claim?wait=30"), runner.token(), null));
    awaitWaiters(1, 1);

    hangar
        .client(0)
        .patch(runner.path(""), runner.token(), Map.of("status", "draining"))
        .expect(200);

    // Well inside the 30 s wait, with no build anywhere: the runner signal ended the wait.
    assertThat(waiting.get(10, TimeUnit.SECONDS).status()).isEqualTo(204);
  }

  @Test
  void aRunnerRemovedWhileItWaitsIsAnsweredAtOnce() throws Exception {
    Given.Runner runner = given.runner(List.of("windows"), Map.of(), List.of("removed"), 1);
    CompletableFuture<ApiClient.Response> waiting =
        CompletableFuture.supplyAsync(
            () -> hangar.client(1).post(runner.path("/claim?wait=30"), runner.token(), null));
    awaitWaiters(1, 1);

    hangar.client(0).delete("/v1/runners/" + runner.id(), given.adminToken()).expect(204);

    assertThat(waiting.get(10, TimeUnit.SECONDS).status()).isEqualTo(204);
  }

  /**
   * Every way a job is handed out (a runner's first claim, a known runner's claim, a long-poll
   * answer) sends it whole with a Content-Length: a chunked answer costs runner and server a second
   * write and read.
   */
  @Test
  void claimAnswersCarryTheirLength() throws Exception {
    String pipeline = given.pipeline(given.project(), "windows", List.of("whole"), Map.of());
    Given.Runner runner = given.runner(List.of("windows"), Map.of(), List.of("whole"), 3);
    given.build(pipeline);
    given.build(pipeline);
    ApiClient.Response first =
        hangar.client(0).post(runner.path("/claim"), runner.token(), null).expect(200);
    ApiClient.Response known =
        hangar.client(0).post(runner.path("/claim"), runner.token(), null).expect(200);
    CompletableFuture<ApiClient.Response> waiting =
        CompletableFuture.supplyAsync(
            () -> hangar.client(0).post(runner.path("/claim?wait=30"), runner.token(), null));
    awaitWaiters(0, 1);
    given.build(pipeline);
    ApiClient.Response awaited = waiting.get(10, TimeUnit.SECONDS).expect(200);

    assertThat(List.of(first, known, awaited)).allMatch(ApiClient.Response::cameWhole);
  }

  @Test
  void aRunnerWaitingForAnotherPlatformIsNotWoken() throws Exception {
    String pipeline = given.pipeline("ios");
    Given.Runner android = given.runner("android");
    Given.Runner ios = given.runner("ios");
    CompletableFuture<ApiClient.Response> androidWait =
        CompletableFuture.supplyAsync(
            () -> hangar.client(1).post(android.path("/claim?wait=5"), android.token(), null));
    CompletableFuture<ApiClient.Response> iosWait =
        CompletableFuture.supplyAsync(
            () -> hangar.client(1).post(ios.path("/claim?wait=30"), ios.token(), null));
    awaitWaiters(1, 2);
    String build = given.build(pipeline);

    // The signal served the iOS waiter on the same instance and left the Android one to its wait.
    JsonNode job = iosWait.get(10, TimeUnit.SECONDS).expect(200).json();
    assertThat(job.path("build_id").asString()).isEqualTo(build);
    assertThat(androidWait.get(10, TimeUnit.SECONDS).status()).isEqualTo(204);
  }

  @Test
  void highPriorityBuildsAreHandedOutBeforeNormalOnes() {
    String pipeline = given.pipeline("linux");
    Given.Runner runner = given.runner(List.of("linux"), Map.of(), List.of(), 3);
    String normal = given.build(pipeline, "normal");
    String high = given.build(pipeline, "high");
    String secondNormal = given.build(pipeline, "normal");

    assertThat(List.of(claim(runner), claim(runner), claim(runner)))
        .containsExactly(high, normal, secondNormal);
  }

  @Test
  void aFloodInOneClassDoesNotStarveAnother() {
    String project = given.project();
    String flooded = given.pipeline(project, "macos", List.of("flood"), Map.of());
    String quiet = given.pipeline(project, "macos", List.of("quiet"), Map.of());
    Given.Runner runner = given.runner(List.of("macos"), Map.of(), List.of("flood", "quiet"), 20);
    for (int i = 0; i < 30; i++) {
      given.build(flooded);
    }
    List<String> quietBuilds = List.of(given.build(quiet), given.build(quiet), given.build(quiet));

    List<String> firstTen =
        java.util.stream.IntStream.range(0, 10).mapToObj(i -> claim(runner)).toList();

    assertThat(firstTen).containsAll(quietBuilds);
  }

  @Test
  void aClaimThatCannotBeDeliveredGoesBackAtTheSameAttempt() {
    String pipeline = given.pipeline("web");
    Given.Runner first = given.runner("web");
    Given.Runner second = given.runner("web");
    String build = given.build(pipeline);
    ClaimService claims = hangar.api(0).bean(ClaimService.class);
    RunnerStore runners = hangar.api(0).bean(RunnerStore.class);

    JobView taken =
        claims
            .claim(runners.authenticate(RunnerCredentials.of(first.id(), first.token())))
            .orElseThrow();
    claims.giveBack(first.id(), taken);

    JsonNode job =
        hangar
            .client(1)
            .post(second.path("/claim?wait=10"), second.token(), null)
            .expect(200)
            .json();
    assertThat(job.path("build_id").asString()).isEqualTo(build);
    assertThat(job.path("attempt").asInt()).isEqualTo(1);
    JsonNode view =
        hangar.client(0).get("/v1/builds/" + build, given.adminToken()).expect(200).json();
    assertThat(view.path("attempts").size())
        .as("the undelivered claim left no attempt behind")
        .isEqualTo(1);
    assertThat(view.path("attempts").get(0).path("runner_id").asString()).isEqualTo(second.id());
  }

  private static String claim(Given.Runner runner) {
    return hangar
        .client(0)
        .post(runner.path("/claim"), runner.token(), null)
        .expect(200)
        .text("build_id");
  }

  /** Until the instance has filed this many waiters (their first look found nothing). */
  private static void awaitWaiters(int instance, int count) {
    ClaimWaiters waiters = hangar.api(instance).bean(ClaimWaiters.class);
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(10))
        .until(() -> waiters.waiting() == count);
  }
}
