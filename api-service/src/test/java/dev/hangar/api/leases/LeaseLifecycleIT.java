package dev.hangar.api.leases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.hangar.api.support.ApiClient;
import dev.hangar.api.support.Given;
import dev.hangar.api.support.Hangar;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import tools.jackson.databind.JsonNode;

/**
 * Leases end to end with a dispatcher, a 2 s lease and two attempts per build: a silent runner
 * loses its build to another runner under the next attempt and is fenced off; a heartbeating one
 * keeps it; the last lost lease fails the build; a cancel request turns a lost lease into
 * cancelled; removing a runner requeues its job at once.
 *
 * <p>Each test has a label of its own, so its builds and runners meet no other test's, and the
 * tests run at once: they mostly wait out leases.
 */
@Execution(ExecutionMode.CONCURRENT)
class LeaseLifecycleIT {

  private static Hangar hangar;
  private static ApiClient api;
  private static Given given;

  @BeforeAll
  static void start() {
    hangar =
        Hangar.start(
            2,
            1,
            Map.of(
                "hangar.lease-ttl",
                "2s",
                "hangar.heartbeat-interval",
                "1s",
                "hangar.max-attempts",
                "2"));
    api = hangar.client(0);
    given = new Given(api);
  }

  @AfterAll
  static void stop() throws Exception {
    hangar.close();
  }

  @Test
  void aSilentRunnerLosesItsBuildToAnotherAndIsFencedOff() throws Exception {
    String pipeline = given.pipeline(given.project(), "android", List.of("expiry"), Map.of());
    Given.Runner silent = runner("expiry");
    Given.Runner waiting = runner("expiry");
    String build = given.build(pipeline);
    assertThat(claim(silent).path("attempt").asInt()).isEqualTo(1);
    report(silent, build, Map.of("status", "running")).expect(200);

    JsonNode second =
        hangar
            .client(1)
            .post(waiting.path("/claim?wait=20"), waiting.token(), null)
            .expect(200)
            .json();
    assertThat(second.path("build_id").asString()).isEqualTo(build);
    assertThat(second.path("attempt").asInt()).isEqualTo(2);

    ApiClient.Response stale = report(silent, build, Map.of("status", "succeeded", "exit_code", 0));
    assertThat(stale.status()).isEqualTo(409);
    assertThat(stale.text("code")).isEqualTo("lease_lost");
    JsonNode view = build(build);
    assertThat(view.path("status").asString()).isEqualTo("assigned");
    assertThat(view.path("runner_id").asString()).isEqualTo(waiting.id());
    assertThat(view.path("attempt").asInt()).isEqualTo(2);
    assertThat(view.path("attempts").get(0).path("outcome").asString()).isEqualTo("lease_expired");
    assertThat(report(silent, build, Map.of("status", "running", "attempt", 1)).text("code"))
        .isEqualTo("lease_lost");
    report(waiting, build, Map.of("status", "running", "attempt", 2)).expect(200);
    report(waiting, build, Map.of("status", "succeeded", "attempt", 2, "exit_code", 0)).expect(200);
  }

  @Test
  void aHeartbeatingRunnerKeepsItsBuildPastSeveralLeaseLengths() {
    String pipeline = given.pipeline(given.project(), "android", List.of("keeper"), Map.of());
    Given.Runner keeper = runner("keeper");
    String build = given.build(pipeline);
    claim(keeper);
    report(keeper, build, Map.of("status", "running")).expect(200);
    try (Heartbeats beating = Heartbeats.every(500, hangar.client(1), keeper)) {
      await()
          .during(Duration.ofSeconds(7))
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> {
                JsonNode view = build(build);
                return view.path("status").asString().equals("running")
                    && view.path("attempt").asInt() == 1;
              });
    }
    JsonNode heartbeat =
        api.post(keeper.path("/heartbeat"), keeper.token(), null).expect(200).json();
    assertThat(heartbeat.path("jobs").get(0).path("job_id").asString()).isEqualTo(build);
    report(keeper, build, Map.of("status", "succeeded", "exit_code", 0)).expect(200);
  }

  @Test
  void aJobWhoseClaimAnswerNeverArrivedIsNotKeptByHeartbeats() {
    String pipeline = given.pipeline(given.project(), "android", List.of("dropped"), Map.of());
    Given.Runner dropped = runner("dropped");
    Given.Runner other = runner("dropped");
    // The runner gives up on its long-poll after 1 s; the build then arrives for a waiter nobody
    // reads.
    ApiClient impatient = hangar.api(1).client(Duration.ofSeconds(1));
    assertThatThrownBy(() -> impatient.post(dropped.path("/claim?wait=20"), dropped.token(), null))
        .hasRootCauseInstanceOf(java.net.http.HttpTimeoutException.class);
    String build = given.build(pipeline);
    // The abandoned waiter takes it first; a claim racing the work signal could take it before.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> dropped.id().equals(build(build).path("runner_id").asString()));
    try (Heartbeats beating = Heartbeats.every(300, api, dropped)) {
      JsonNode job =
          hangar
              .client(1)
              .post(other.path("/claim?wait=20"), other.token(), null)
              .expect(200)
              .json();
      assertThat(job.path("build_id").asString()).isEqualTo(build);
      assertThat(job.path("attempt").asInt()).isEqualTo(2);
    }
    assertThat(build(build).path("attempts").get(0).path("runner_id").asString())
        .isEqualTo(dropped.id());
  }

  @Test
  void fetchingAJobAcknowledgesItSoHeartbeatsKeepIt() {
    String pipeline = given.pipeline(given.project(), "android", List.of("fetched"), Map.of());
    Given.Runner runner = runner("fetched");
    String build = given.build(pipeline);
    claim(runner);
    api.get(runner.path("/jobs/" + build), runner.token()).expect(200);
    try (Heartbeats beating = Heartbeats.every(500, api, runner)) {
      await()
          .during(Duration.ofSeconds(5))
          .atMost(Duration.ofSeconds(8))
          .until(() -> build(build).path("attempt").asInt() == 1);
    }
  }

  @Test
  void theLastLostLeaseFailsTheBuild() {
    String pipeline = given.pipeline(given.project(), "android", List.of("doomed"), Map.of());
    Given.Runner first = runner("doomed");
    Given.Runner second = runner("doomed");
    String build = given.build(pipeline);
    claim(first);
    assertThat(
            hangar
                .client(1)
                .post(second.path("/claim?wait=20"), second.token(), null)
                .expect(200)
                .json()
                .path("attempt")
                .asInt())
        .isEqualTo(2);

    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> build(build).path("status").asString().equals("failed"));
    JsonNode view = build(build);
    assertThat(view.path("failure_reason").asString()).isEqualTo("lease_expired_max_attempts");
    assertThat(view.path("attempts").findValuesAsString("outcome"))
        .containsExactly("lease_expired", "lease_expired");
    assertThat(report(second, build, Map.of("status", "failed")).text("code"))
        .isEqualTo("lease_lost");
  }

  @Test
  void aLeaseLostAfterACancelRequestEndsTheBuildCancelled() {
    String pipeline = given.pipeline(given.project(), "android", List.of("cancel"), Map.of());
    Given.Runner runner = runner("cancel");
    String build = given.build(pipeline);
    claim(runner);
    api.post("/v1/builds/" + build + "/cancel", given.adminToken(), null).expect(200);
    assertThat(
            api.post(runner.path("/heartbeat"), runner.token(), null)
                .json()
                .path("jobs")
                .get(0)
                .path("cancel_requested")
                .asBoolean())
        .isTrue();

    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> build(build).path("status").asString().equals("cancelled"));
    assertThat(build(build).path("attempt").asInt()).isEqualTo(1);
  }

  @Test
  void removingARunnerRequeuesItsJobAtOnce() {
    String pipeline = given.pipeline(given.project(), "android", List.of("removed"), Map.of());
    Given.Runner removed = runner("removed");
    Given.Runner other = runner("removed");
    String build = given.build(pipeline);
    claim(removed);

    api.delete("/v1/runners/" + removed.id(), given.adminToken()).expect(204);

    JsonNode view = build(build);
    assertThat(view.path("status").asString()).isEqualTo("queued");
    assertThat(view.path("attempt").asInt()).isEqualTo(2);
    assertThat(view.path("attempts").get(0).path("outcome").asString()).isEqualTo("runner_deleted");
    assertThat(claim(other).path("build_id").asString()).isEqualTo(build);
    assertThat(api.post(removed.path("/heartbeat"), removed.token(), null).status()).isEqualTo(401);
  }

  @Test
  void runnerStatusIsDerivedFromContactDrainAndLoad() {
    String pipeline = given.pipeline(given.project(), "android", List.of("status"), Map.of());
    Given.Runner runner = runner("status");
    assertThat(runnerStatus(runner)).isEqualTo("online");

    // Offline after three silent heartbeat intervals (3 s here); any call brings it back.
    await().atMost(Duration.ofSeconds(10)).until(() -> runnerStatus(runner).equals("offline"));
    api.post(runner.path("/heartbeat"), runner.token(), null).expect(200);
    assertThat(runnerStatus(runner)).isEqualTo("online");

    given.build(pipeline);
    claim(runner);
    assertThat(runnerStatus(runner)).isEqualTo("busy");
    api.patch(runner.path(""), runner.token(), Map.of("status", "draining")).expect(200);
    assertThat(runnerStatus(runner)).isEqualTo("draining");
  }

  /** A runner that heartbeats in the background until closed. */
  private record Heartbeats(ScheduledExecutorService executor) implements AutoCloseable {
    static Heartbeats every(long millis, ApiClient via, Given.Runner runner) {
      ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
      executor.scheduleAtFixedRate(
          () -> via.post(runner.path("/heartbeat"), runner.token(), null),
          0,
          millis,
          TimeUnit.MILLISECONDS);
      return new Heartbeats(executor);
    }

    @Override
    public void close() {
      executor.shutdownNow();
    }
  }

  private static String runnerStatus(Given.Runner runner) {
    return api.get("/v1/runners/" + runner.id(), given.adminToken()).expect(200).text("status");
  }

  private static Given.Runner runner(String label) {
    return given.runner(List.of("android"), Map.of(), List.of(label), 1);
  }

  private static JsonNode claim(Given.Runner runner) {
    return api.post(runner.path("/claim"), runner.token(), null).expect(200).json();
  }

  private static ApiClient.Response report(
      Given.Runner runner, String build, Map<String, Object> body) {
    return api.post(runner.path("/jobs/" + build + "/status"), runner.token(), body);
  }

  private static JsonNode build(String id) {
    return api.get("/v1/builds/" + id, given.adminToken()).expect(200).json();
  }
}
