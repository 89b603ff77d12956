package dev.hangar.api.runners;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.api.support.ApiClient;
import dev.hangar.api.support.Given;
import dev.hangar.api.support.Hangar;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A runner waiting on one instance for a capability class that was created on the other instance
 * moments ago, before this instance's copy of the class list caught up. The recheck is far longer
 * than any wait here, so only the work signal can bring the build to the waiter. Each test has a
 * fresh namespace and instances: a waiter left from an earlier test would change what a signal
 * finds.
 */
class NewClassLongPollIT {

  private Hangar hangar;
  private Given onFirst;

  @BeforeEach
  void start() {
    hangar = Hangar.start(2, 0, Map.of("hangar.claim-recheck", "10m"));
    onFirst = new Given(hangar.client(0));
  }

  @AfterEach
  void stop() throws Exception {
    hangar.close();
  }

  /**
   * The second instance reads the class list for the runner's first claim, when no class exists.
   * The class and its first build are then made on the first instance, whose work signal reaches
   * the second before the runner asks again (the build's 201 comes after the signal): nobody waits
   * there yet, and the second instance's class list is still fresh without the class when the
   * runner's wait begins.
   */
  @Test
  void aRunnerGetsABuildOfAClassCreatedOnTheOtherInstanceJustBeforeItsWait() {
    String project = onFirst.project();
    Given.Runner runner = onFirst.runner("android");
    hangar.client(1).post(runner.path("/claim"), runner.token(), null).expect(204);

    String build = onFirst.build(onFirst.pipeline(project, "android", List.of(), Map.of()));

    JsonNode job =
        hangar
            .client(1)
            .post(runner.path("/claim?wait=30"), runner.token(), null)
            .expect(200)
            .json();
    assertThat(job.path("build_id").asString()).isEqualTo(build);
  }

  /**
   * The runner waits before the class exists; its class is made on the other instance meanwhile.
   */
  @Test
  void aRunnerAlreadyWaitingGetsTheFirstBuildOfAClassCreatedOnTheOtherInstance() throws Exception {
    String project = onFirst.project();
    Given.Runner runner = onFirst.runner(List.of("ios"), Map.of(), List.of("already-waiting"), 1);
    CompletableFuture<ApiClient.Response> waiting = hangar.longPoll(1, runner);

    String build =
        onFirst.build(onFirst.pipeline(project, "ios", List.of("already-waiting"), Map.of()));

    JsonNode job = waiting.get(60, TimeUnit.SECONDS).expect(200).json();
    assertThat(job.path("build_id").asString()).isEqualTo(build);
  }
}
