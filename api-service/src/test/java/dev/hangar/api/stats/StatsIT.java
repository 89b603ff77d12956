package dev.hangar.api.stats;

import static dev.hangar.api.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.api.support.ApiClient;
import dev.hangar.api.support.Given;
import dev.hangar.api.support.Hangar;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * GET /v1/stats is shared state: what happens through one api-service instance shows in the other's
 * answer, counted by the scripts that made the moves.
 */
class StatsIT {

  private static Hangar hangar;

  @BeforeAll
  static void start() {
    hangar = Hangar.start(2, 0, Map.of());
  }

  @AfterAll
  static void stop() throws Exception {
    hangar.close();
  }

  @Test
  void bothInstancesCountTheClaimsRequeuesAndMovesMadeThroughEither() {
    ApiClient first = hangar.client(0);
    ApiClient second = hangar.client(1);
    Given given = new Given(first);
    String token = given.adminToken();
    JsonNode before = second.get("/v1/stats", token).expect(200).json();
    assertThat(before.path("claims").path("last_minute").asLong()).isZero();
    assertThat(before.path("builds").propertyNames())
        .containsExactly("queued", "assigned", "running", "succeeded", "failed", "cancelled");
    assertThat(before.path("runners").propertyNames())
        .containsExactlyInAnyOrder("online", "busy", "draining", "offline");

    String pipeline = given.pipeline("linux");
    List<String> builds =
        List.of(given.build(pipeline), given.build(pipeline), given.build(pipeline));
    Given.Runner runner = given.runner(List.of("linux"), Map.of(), List.of(), 2);
    first.post(runner.path("/claim"), runner.token(), null).expect(200);
    first.post(runner.path("/claim"), runner.token(), null).expect(200);
    first.post("/v1/builds/" + builds.get(2) + "/cancel", token, null).expect(200);

    JsonNode busy = second.get("/v1/stats", token).expect(200).json();
    assertThat(busy.path("builds").path("queued").asLong()).isZero();
    assertThat(busy.path("builds").path("assigned").asLong()).isEqualTo(2);
    assertThat(busy.path("builds").path("cancelled").asLong()).isEqualTo(1);
    assertThat(busy.path("claims").path("last_minute").asLong()).isEqualTo(2);
    assertThat(busy.path("claims").path("last_hour").asLong()).isEqualTo(2);
    assertThat(busy.path("requeues").path("last_minute").asLong()).isZero();
    assertThat(busy.path("runners").path("busy").asLong()).isEqualTo(1);

    // Removing the runner requeues both its jobs at once.
    second.delete("/v1/runners/" + runner.id(), token).expect(204);

    JsonNode after = first.get("/v1/stats", token).expect(200).json();
    assertThat(after.path("builds").path("queued").asLong()).isEqualTo(2);
    assertThat(after.path("builds").path("assigned").asLong()).isZero();
    assertThat(after.path("requeues").path("last_minute").asLong()).isEqualTo(2);
    assertThat(after.path("requeues").path("last_hour").asLong()).isEqualTo(2);
    assertThat(after.path("runners").path("busy").asLong()).isZero();
  }

  @Test
  void aRunnerTokenOrNoneIsRefused() {
    Given given = new Given(hangar.client(0));
    Given.Runner runner = given.runner("linux");

    assertProblem(hangar.client(0).get("/v1/stats", null), 401, "unauthorized");
    assertProblem(hangar.client(0).get("/v1/stats", runner.token()), 401, "unauthorized");
  }
}
