package dev.hangar.api.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hangar.api.support.ApiClient;
import dev.hangar.api.support.Given;
import dev.hangar.testing.HangarProcess;
import dev.hangar.testing.HangarProcesses;
import dev.hangar.testing.TestNamespace;
import dev.hangar.testing.TestSecrets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * With HANGAR_LOG_FORMAT=json both packaged processes write one JSON object a line, and each
 * dispatch event (claim, report, lease expiry and requeue, cancel) carries build_id, runner_id and
 * attempt as fields; no token, password or key is ever among them.
 */
class JsonLogsIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void dispatchEventsAreJsonLinesNamingTheBuildRunnerAndAttempt() throws Exception {
    Map<String, Object> settings =
        Map.of(
            "hangar.log-format",
            "json",
            "hangar.lease-ttl",
            "2s",
            "hangar.heartbeat-interval",
            "1s");
    try (TestNamespace namespace = TestNamespace.create();
        HangarProcess api = HangarProcesses.launchApi(namespace, settings);
        HangarProcess dispatcher = HangarProcesses.launchDispatcher(namespace, settings)) {
      api.awaitHealthy();
      dispatcher.awaitHealthy();
      ApiClient client = new ApiClient(api.baseUrl());
      Given given = new Given(client);
      String pipeline = given.pipeline("linux");
      String finished = given.build(pipeline);
      String abandoned = given.build(pipeline);
      String cancelled = given.build(pipeline);
      Given.Runner runner = given.runner("linux");

      client.post(runner.path("/claim"), runner.token(), null).expect(200);
      client
          .post(
              runner.path("/jobs/" + finished + "/status"),
              runner.token(),
              Map.of("status", "running", "attempt", 1))
          .expect(200);
      client
          .post(
              runner.path("/jobs/" + finished + "/status"),
              runner.token(),
              Map.of("status", "succeeded", "attempt", 1, "exit_code", 0))
          .expect(200);
      client.post("/v1/builds/" + cancelled + "/cancel", given.adminToken(), null).expect(200);
      // Claimed and never acknowledged: its lease runs out and the dispatcher requeues it.
      client.post(runner.path("/claim"), runner.token(), null).expect(200);

      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(events(dispatcher, abandoned))
                      .anySatisfy(event -> assertEvent(event, runner.id(), 2, "requeued")));
      List<JsonNode> served = events(api, null);
      assertThat(events(api, finished))
          .anySatisfy(event -> assertEvent(event, runner.id(), 1, "claimed"))
          .anySatisfy(event -> assertEvent(event, runner.id(), 1, "succeeded"));
      assertThat(events(api, abandoned))
          .anySatisfy(event -> assertEvent(event, runner.id(), 1, "claimed"));
      assertThat(events(api, cancelled))
          .anySatisfy(event -> assertEvent(event, null, 1, "cancelled"));
      assertThat(served).isNotEmpty();

      for (HangarProcess process : List.of(api, dispatcher)) {
        assertThat(process.output())
            .as("%s's log", process)
            .doesNotContain(
                runner.token(),
                given.adminToken(),
                TestSecrets.ADMIN_PASSWORD,
                TestSecrets.SECRETS_KEY);
      }
    }
  }

  /**
   * Every line of the process's log as JSON, failing on one that is not, then those about {@code
   * buildId} (all of them for null).
   */
  private static List<JsonNode> events(HangarProcess process, String buildId) {
    return process
        .output()
        .lines()
        .filter(line -> !line.isBlank())
        .map(
            line -> {
              assertThat(line).as("a line of %s's log", process).startsWith("{");
              JsonNode event = JSON.readTree(line);
              assertThat(event.path("@timestamp").isMissingNode()).as(line).isFalse();
              assertThat(event.path("log").path("level").asString()).as(line).isNotEmpty();
              return event;
            })
        .filter(event -> buildId == null || buildId.equals(event.path("build_id").asString()))
        .toList();
  }

  private static void assertEvent(JsonNode event, String runnerId, int attempt, String message) {
    assertThat(event.path("message").asString()).contains(message);
    assertThat(event.path("attempt").asInt()).isEqualTo(attempt);
    if (runnerId != null) {
      assertThat(event.path("runner_id").asString()).isEqualTo(runnerId);
    }
  }
}
