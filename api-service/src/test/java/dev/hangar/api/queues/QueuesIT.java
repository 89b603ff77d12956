package dev.hangar.api.queues;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hangar.api.support.DispatcherInstance;
import dev.hangar.api.support.Given;
import dev.hangar.api.support.Hangar;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** GET /v1/queues and the dispatcher's queue and runner gauges. */
class QueuesIT {

  private static Hangar hangar;
  private static Given given;

  @BeforeAll
  static void start() {
    hangar = Hangar.start(1, 1, Map.of("hangar.metrics-interval", "200ms"));
    given = new Given(hangar.client());
  }

  @AfterAll
  static void stop() throws Exception {
    hangar.close();
  }

  @Test
  void showsDepthAgeAndEligibleRunnersPerClass() {
    String pipeline = given.pipeline(given.project(), "ios", List.of("m2"), Map.of("xcode", "16"));
    Given.Runner eligible = given.runner(List.of("ios"), Map.of("xcode", "16.2"), List.of("m2"), 1);
    given.runner(List.of("ios"), Map.of("xcode", "15.4"), List.of("m2"), 1);
    String first = given.build(pipeline);
    given.build(pipeline, "high");
    long createdAt =
        hangar
            .client()
            .get("/v1/builds/" + first, given.adminToken())
            .json()
            .path("created_at")
            .asLong();

    JsonNode queue = queue("ios.m2.xcode>=16");
    assertThat(queue.path("platform").asString()).isEqualTo("ios");
    assertThat(queue.path("labels").get(0).asString()).isEqualTo("m2");
    assertThat(queue.path("tools").path("xcode").asString()).isEqualTo("16");
    assertThat(queue.path("ready").asLong()).isEqualTo(2);
    assertThat(queue.path("ready_high").asLong()).isEqualTo(1);
    assertThat(queue.path("oldest_queued_at").asLong()).isEqualTo(createdAt);
    assertThat(queue.path("oldest_age_seconds").asLong()).isBetween(0L, 60L);
    assertThat(queue.path("runners_online_eligible").asInt()).isEqualTo(1);
    assertThat(queue.path("stuck").asBoolean()).isFalse();

    hangar.client().post(eligible.path("/claim"), eligible.token(), null).expect(200);
    hangar.client().post(eligible.path("/heartbeat"), eligible.token(), null).expect(200);
    JsonNode after = queue("ios.m2.xcode>=16");
    assertThat(after.path("ready").asLong()).isEqualTo(1);
    assertThat(after.path("runners_online_eligible").asInt())
        .as("the eligible runner is busy now")
        .isZero();
    assertThat(after.path("runners_busy_eligible").asInt()).isEqualTo(1);
    assertThat(after.path("stuck").asBoolean())
        .as("a busy runner takes the next build when it is done")
        .isFalse();
  }

  @Test
  void aQueueIsStuckWhileBuildsWaitAndNoEligibleRunnerIsOnlineOrBusy() {
    String pipeline = given.pipeline(given.project(), "android", List.of("stuck"), Map.of());
    given.build(pipeline);
    given.runner(List.of("android"), Map.of(), List.of("other"), 1);

    JsonNode nobody = queue("android.stuck");
    assertThat(nobody.path("stuck").asBoolean()).isTrue();
    assertThat(nobody.path("oldest_age_seconds").isNumber()).isTrue();

    Given.Runner eligible = given.runner(List.of("android"), Map.of(), List.of("stuck"), 1);
    assertThat(queue("android.stuck").path("stuck").asBoolean()).isFalse();

    hangar
        .client()
        .post("/v1/runners/" + eligible.id() + "/drain", given.adminToken(), null)
        .expect(200);
    JsonNode drained = queue("android.stuck");
    assertThat(drained.path("runners_draining_eligible").asInt()).isEqualTo(1);
    assertThat(drained.path("runners_online_eligible").asInt()).isZero();
    assertThat(drained.path("stuck").asBoolean()).as("a draining runner takes nothing").isTrue();
  }

  @Test
  void equalToolFloorsSpelledDifferentlyShareOneQueue() {
    String project = given.project();
    String spelledLong =
        given.pipeline(project, "ios", List.of("floors"), Map.of("xcode", "16.0.0"));
    String spelledShort = given.pipeline(project, "ios", List.of("floors"), Map.of("xcode", "16"));
    given.build(spelledLong);
    given.build(spelledShort);

    JsonNode pipeline =
        hangar
            .client()
            .get("/v1/projects/" + project + "/pipelines", given.adminToken())
            .expect(200)
            .json()
            .get(0);
    assertThat(pipeline.path("tools").path("xcode").asString())
        .as("stored in its shortest spelling")
        .isEqualTo("16");
    JsonNode queues = hangar.client().get("/v1/queues", given.adminToken()).expect(200).json();
    assertThat(
            queues
                .valueStream()
                .map(q -> q.path("name").asString())
                .filter(name -> name.contains("floors")))
        .containsExactly("ios.floors.xcode>=16");
    assertThat(queue("ios.floors.xcode>=16").path("ready").asLong()).isEqualTo(2);
  }

  @Test
  void aQueueWithNothingWaitingHasNoOldestBuild() {
    given.pipeline(given.project(), "windows", List.of(), Map.of());
    JsonNode queue = queue("windows");
    assertThat(queue.path("ready").asLong()).isZero();
    assertThat(queue.path("oldest_queued_at").isNull()).isTrue();
    assertThat(queue.path("oldest_age_seconds").isNull()).isTrue();
    assertThat(queue.path("stuck").asBoolean()).as("nothing waits").isFalse();
  }

  @Test
  void theDispatcherExportsQueueDepthsAndRunnersByStatus() {
    String pipeline = given.pipeline(given.project(), "web", List.of("metrics"), Map.of());
    given.build(pipeline);
    given.runner("web");
    DispatcherInstance dispatcher = hangar.dispatcher(0);

    await()
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              assertThat(
                      dispatcher.metric(
                          "hangar_queue_ready",
                          Map.of("class", "web.metrics", "priority", "normal")))
                  .isEqualTo(1.0);
              assertThat(dispatcher.metric("hangar_runners", Map.of("status", "online")))
                  .isGreaterThanOrEqualTo(1.0);
            });
  }

  private static JsonNode queue(String name) {
    JsonNode queues = hangar.client().get("/v1/queues", given.adminToken()).expect(200).json();
    for (JsonNode queue : queues) {
      if (queue.path("name").asString().equals(name)) {
        return queue;
      }
    }
    throw new AssertionError("no queue " + name + " in " + queues);
  }
}
