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
 * claim.lua's checks. Each test makes the runner change on the <em>other</em> instance after its last
 * claim on instance 0, then claims there again: the answer must be what the runner is now, and the
 * build the stale picture reached must stay queued for someone else at the same attempt.
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

  @Test
  void aRunnerDeletedSinceItsLastClaimIsRefusedAndTheBuildWaitsForAnother() {
    String label = label();
    String pipeline = pipeline(label);
    Given.Runner runner = runner(label, 2);
    Given.Runner other = runner(label, 2);
    String held = given.build(pipeline);
    claimOn(first, runner, held);
    second.delete("/v1/runners/" + runner.id(), given.adminToken()).expect(204);
    String build = given.build(pipeline);

    assertProblem(first.post(runner.path("/claim"), runner.token(), null), 401, "unauthorized");

    // Deleting the runner released the build it held (attempt 2), so the other runner gets both.
    assertThat(List.of(claimedBy(other), claimedBy(other))).containsExactlyInAnyOrder(held + " attempt 2", build + " attempt 1");
  }

  @Test
  void aRunnerDrainingSinceItsLastClaimGetsNothing() {
    String label = label();
    String pipeline = pipeline(label);
    Given.Runner runner = runner(label, 2);
    Given.Runner other = runner(label, 1);
    claimOn(first, runner, given.build(pipeline));
    second.patch(runner.path(""), runner.token(), Map.of("status", "draining")).expect(200);
    String build = given.build(pipeline);

    assertThat(first.post(runner.path("/claim"), runner.token(), null).status()).isEqualTo(204);

    assertStillQueuedFor(other, build);
  }

  @Test
  void aRunnerFilledUpThroughTheOtherInstanceIsAtCapacity() {
    String label = label();
    String pipeline = pipeline(label);
    Given.Runner runner = runner(label, 2);
    Given.Runner other = runner(label, 1);
    claimOn(first, runner, given.build(pipeline));
    claimOn(second, runner, given.build(pipeline));
    String build = given.build(pipeline);

    assertProblem(first.post(runner.path("/claim"), runner.token(), null), 409, "runner_at_capacity");
    assertProblem(first.post(runner.path("/claim"), runner.token(), null), 409, "runner_at_capacity");

    assertStillQueuedFor(other, build);
  }

  @Test
  void aRunnerRetooledSinceItsLastClaimGetsWorkForWhatItIsNow() {
    String oldLabel = label();
    String newLabel = label();
    String oldPipeline = pipeline(oldLabel);
    String newPipeline = pipeline(newLabel);
    Given.Runner runner = runner(oldLabel, 3);
    Given.Runner other = runner(oldLabel, 1);
    claimOn(first, runner, given.build(oldPipeline));
    second.patch(runner.path(""), runner.token(), Map.of("capabilities", capabilities(newLabel, 3))).expect(200);
    String oldBuild = given.build(oldPipeline);
    String newBuild = given.build(newPipeline);

    claimOn(first, runner, newBuild);

    assertStillQueuedFor(other, oldBuild);
  }

  private static void claimOn(ApiClient instance, Given.Runner runner, String build) {
    assertThat(instance.post(runner.path("/claim"), runner.token(), null).expect(200).text("build_id")).isEqualTo(build);
  }

  private static void assertStillQueuedFor(Given.Runner other, String build) {
    assertThat(first.get("/v1/builds/" + build, given.adminToken()).expect(200).text("status")).isEqualTo("queued");
    assertThat(claimedBy(other)).isEqualTo(build + " attempt 1");
  }

  private static String claimedBy(Given.Runner runner) {
    JsonNode job = first.post(runner.path("/claim"), runner.token(), null).expect(200).json();
    return job.path("build_id").asString() + " attempt " + job.path("attempt").asInt();
  }

  private static String label() {
    return "known" + LABELS.incrementAndGet();
  }

  private static String pipeline(String label) {
    return given.pipeline(given.project(), "linux", List.of(label), Map.of());
  }

  private static Given.Runner runner(String label, int capacity) {
    return given.runner(List.of("linux"), Map.of(), List.of(label), capacity);
  }

  private static Map<String, Object> capabilities(String label, int capacity) {
    return Map.of("platforms", List.of("linux"), "tools", Map.of(), "labels", List.of(label), "capacity", capacity);
  }
}
