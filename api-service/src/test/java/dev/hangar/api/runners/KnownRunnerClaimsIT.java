package dev.hangar.api.runners;

import static dev.hangar.api.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.api.support.ApiClient;
import dev.hangar.api.support.Given;
import dev.hangar.api.support.Hangar;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A claim by a runner its instance already knows skips the authentication round trip and relies on
 * claim.lua's checks. Each test makes the runner change on the <em>other</em> instance after its
 * last claim on instance 0, then claims there again: the answer must be what the runner is now, and
 * the build the stale picture reached must stay queued for someone else at the same attempt.
 */
class KnownRunnerClaimsIT {

  private static final AtomicInteger LABELS = new AtomicInteger();

  private static Hangar hangar;
  private static Given given;
  private static ApiClient first;
  private static ApiClient second;

  @BeforeAll
  static void start() {
    hangar = Hangar.start(2, 0, Map.of());
    first = hangar.client(0);
    second = hangar.client(1);
    given = new Given(first);
  }

  @AfterAll
  static void stop() throws Exception {
    hangar.close();
  }

  /**
   * A pipeline of its own, the runner under test (capacity 2), already known to instance 0 through
   * one claim there, and another runner that may take the same builds.
   */
  private record Scene(String pipeline, Given.Runner runner, Given.Runner other) {

    static Scene knownToTheFirstInstance(int othersCapacity) {
      String label = label();
      String pipeline = pipelineFor(label);
      Scene scene = new Scene(pipeline, runnerFor(label, 2), runnerFor(label, othersCapacity));
      claimOn(first, scene.runner(), scene.build());
      return scene;
    }

    String build() {
      return given.build(pipeline);
    }

    ApiClient.Response claimOnTheFirstInstance() {
      return first.post(runner.path("/claim"), runner.token(), null);
    }
  }

  @Test
  void aRunnerDeletedSinceItsLastClaimIsRefusedAndTheBuildWaitsForAnother() {
    Scene scene = Scene.knownToTheFirstInstance(2);
    String held =
        first
            .get("/v1/runners/" + scene.runner().id(), given.adminToken())
            .expect(200)
            .json()
            .path("current_jobs")
            .get(0)
            .asString();
    second.delete("/v1/runners/" + scene.runner().id(), given.adminToken()).expect(204);
    String build = scene.build();

    assertProblem(scene.claimOnTheFirstInstance(), 401, "unauthorized");

    // Deleting the runner released the build it held (attempt 2), so the other runner gets both.
    assertThat(List.of(claimedBy(scene.other()), claimedBy(scene.other())))
        .containsExactlyInAnyOrder(held + " attempt 2", build + " attempt 1");
  }

  @Test
  void aRunnerDrainingSinceItsLastClaimGetsNothing() {
    Scene scene = Scene.knownToTheFirstInstance(1);
    second
        .patch(scene.runner().path(""), scene.runner().token(), Map.of("status", "draining"))
        .expect(200);
    String build = scene.build();

    assertThat(scene.claimOnTheFirstInstance().status()).isEqualTo(204);

    assertStillQueuedFor(scene.other(), build);
  }

  @Test
  void aRunnerFilledUpThroughTheOtherInstanceIsAtCapacity() {
    Scene scene = Scene.knownToTheFirstInstance(1);
    claimOn(second, scene.runner(), scene.build());
    String build = scene.build();
    String runnerKey = hangar.namespace().name() + ":runner:" + scene.runner().id();
    hangar.namespace().redis().hset(runnerKey, "last_contact_at", "0");

    assertProblem(scene.claimOnTheFirstInstance(), 409, "runner_at_capacity");
    assertThat(hangar.namespace().redis().hget(runnerKey, "last_contact_at"))
        .as("a refused claim is contact too")
        .isNotEqualTo("0");
    assertProblem(scene.claimOnTheFirstInstance(), 409, "runner_at_capacity");

    assertStillQueuedFor(scene.other(), build);
  }

  @Test
  void aRunnerRetooledSinceItsLastClaimGetsWorkForWhatItIsNow() {
    Scene scene = Scene.knownToTheFirstInstance(1);
    String newLabel = label();
    String newPipeline = pipelineFor(newLabel);
    second
        .patch(
            scene.runner().path(""),
            scene.runner().token(),
            Map.of("capabilities", capabilities(newLabel, 2)))
        .expect(200);
    String oldBuild = scene.build();
    String newBuild = given.build(newPipeline);

    claimOn(first, scene.runner(), newBuild);

    assertStillQueuedFor(scene.other(), oldBuild);
  }

  /**
   * Claims that expect a job wait for it: the instance that claimed from the queue last may hold a
   * new build for a moment (QueueFeeds) before the other instance can take it.
   */
  private static void claimOn(ApiClient instance, Given.Runner runner, String build) {
    assertThat(
            instance
                .post(runner.path("/claim?wait=5"), runner.token(), null)
                .expect(200)
                .text("build_id"))
        .isEqualTo(build);
  }

  private static void assertStillQueuedFor(Given.Runner other, String build) {
    assertThat(first.get("/v1/builds/" + build, given.adminToken()).expect(200).text("status"))
        .isEqualTo("queued");
    assertThat(claimedBy(other)).isEqualTo(build + " attempt 1");
  }

  private static String claimedBy(Given.Runner runner) {
    JsonNode job =
        first.post(runner.path("/claim?wait=5"), runner.token(), null).expect(200).json();
    return job.path("build_id").asString() + " attempt " + job.path("attempt").asInt();
  }

  private static String label() {
    return "known" + LABELS.incrementAndGet();
  }

  private static String pipelineFor(String label) {
    return given.pipeline(given.project(), "linux", List.of(label), Map.of());
  }

  private static Given.Runner runnerFor(String label, int capacity) {
    return given.runner(List.of("linux"), Map.of(), List.of(label), capacity);
  }

  private static Map<String, Object> capabilities(String label, int capacity) {
    return Map.of(
        "platforms",
        List.of("linux"),
        "tools",
        Map.of(),
        "labels",
        List.of(label),
        "capacity",
        capacity);
  }
}
