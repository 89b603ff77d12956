package dev.hangar.api.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hangar.api.support.ApiClient;
import dev.hangar.api.support.Given;
import dev.hangar.api.support.Hangar;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Two api-service instances and a dispatcher: 500 builds over three platforms and four capability
 * classes, 20 runners of mixed capabilities claiming concurrently through both instances. Every
 * build must be claimed exactly once, by a runner allowed to run it, and none left behind.
 */
class MultiInstanceDispatchIT {

  private static final int BUILDS = 200;

  /**
   * Runner kinds, and which pipelines each may run — written out by hand, not by the matcher under
   * test.
   */
  private enum Kind {
    ANDROID(List.of("android"), Map.of(), List.of(), Set.of("android")),
    IOS_XCODE_16(
        List.of("ios"), Map.of("xcode", "16.2"), List.of(), Set.of("ios-xcode16", "ios-any")),
    IOS_XCODE_15(List.of("ios"), Map.of("xcode", "15.4"), List.of(), Set.of("ios-any")),
    MAC_M2(
        List.of("ios", "macos"),
        Map.of("xcode", "16.0"),
        List.of("m2"),
        Set.of("ios-xcode16", "ios-any", "macos-m2")),
    MAC_INTEL(List.of("macos", "android"), Map.of(), List.of("intel"), Set.of("android"));

    final List<String> platforms;
    final Map<String, String> tools;
    final List<String> labels;
    final Set<String> pipelines;

    Kind(
        List<String> platforms,
        Map<String, String> tools,
        List<String> labels,
        Set<String> pipelines) {
      this.platforms = platforms;
      this.tools = tools;
      this.labels = labels;
      this.pipelines = pipelines;
    }
  }

  private static Hangar hangar;

  @BeforeAll
  static void start() {
    hangar = Hangar.start(2, 1, Map.of("hangar.lease-ttl", "60s"));
  }

  @AfterAll
  static void stop() throws Exception {
    hangar.close();
  }

  @Test
  void aClassCreatedOnOneInstanceReachesARunnerThatAlreadyClaimedOnTheOther() {
    Given onFirst = new Given(hangar.client(0));
    Given.Runner runner = onFirst.runner(List.of("macos"), Map.of(), List.of("late-class"), 1);
    // The second instance works out (and remembers) what this runner may take before the class
    // exists.
    hangar.client(1).post(runner.path("/claim"), runner.token(), null).expect(204);

    String pipeline = onFirst.pipeline(onFirst.project(), "macos", List.of("late-class"), Map.of());
    String build = onFirst.build(pipeline);

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(
                        hangar
                            .client(1)
                            .post(runner.path("/claim"), runner.token(), null)
                            .expect(200)
                            .text("build_id"))
                    .isEqualTo(build));
  }

  @Test
  void everyBuildIsClaimedExactlyOnceByAnEligibleRunner() throws Exception {
    Given given = new Given(hangar.client(0));
    String project = given.project();
    Map<String, String> pipelines =
        Map.of(
            "android", given.pipeline(project, "android", List.of(), Map.of()),
            "ios-xcode16", given.pipeline(project, "ios", List.of(), Map.of("xcode", "16")),
            "ios-any", given.pipeline(project, "ios", List.of(), Map.of()),
            "macos-m2", given.pipeline(project, "macos", List.of("m2"), Map.of()));
    List<String> pipelineNames = List.copyOf(pipelines.keySet());

    Map<String, String> pipelineOfBuild = new ConcurrentHashMap<>();
    Given onSecond = new Given(hangar.client(1));
    try (ExecutorService creators = Executors.newFixedThreadPool(8)) {
      for (int i = 0; i < BUILDS; i++) {
        String name = pipelineNames.get(i % pipelineNames.size());
        Given via = i % 2 == 0 ? given : onSecond;
        creators.submit(() -> pipelineOfBuild.put(via.build(pipelines.get(name)), name));
      }
    }
    assertThat(pipelineOfBuild).hasSize(BUILDS);

    Kind[] mix = {
      Kind.ANDROID,
      Kind.ANDROID,
      Kind.ANDROID,
      Kind.ANDROID,
      Kind.ANDROID,
      Kind.IOS_XCODE_16,
      Kind.IOS_XCODE_16,
      Kind.IOS_XCODE_16,
      Kind.IOS_XCODE_16,
      Kind.IOS_XCODE_15,
      Kind.IOS_XCODE_15,
      Kind.IOS_XCODE_15,
      Kind.MAC_M2,
      Kind.MAC_M2,
      Kind.MAC_M2,
      Kind.MAC_M2,
      Kind.MAC_INTEL,
      Kind.MAC_INTEL,
      Kind.MAC_INTEL,
      Kind.MAC_INTEL
    };
    Map<String, List<String>> claimsByBuild = new ConcurrentHashMap<>();
    List<String> ineligible = java.util.Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean done = new AtomicBoolean();
    List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    try (ExecutorService runners = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int r = 0; r < mix.length; r++) {
        Kind kind = mix[r];
        ApiClient api = hangar.client(r % 2);
        Given.Runner runner = given.runner(kind.platforms, kind.tools, kind.labels, 1);
        runners.submit(
            () -> {
              try {
                runUntilDone(api, runner, kind, done, pipelineOfBuild, claimsByBuild, ineligible);
              } catch (RuntimeException | AssertionError e) {
                failures.add(kind + " runner: " + e.getMessage());
              }
            });
      }
      await()
          .atMost(Duration.ofMinutes(2))
          .until(() -> claimsByBuild.size() == BUILDS || !failures.isEmpty());
      done.set(true);
    }

    assertThat(failures).isEmpty();
    assertThat(ineligible).isEmpty();
    assertThat(claimsByBuild.keySet()).isEqualTo(pipelineOfBuild.keySet());
    assertThat(claimsByBuild.values())
        .allSatisfy(runnersOfBuild -> assertThat(runnersOfBuild).hasSize(1));
    JsonNode succeeded =
        hangar
            .client(1)
            .get(
                "/v1/projects/" + project + "/builds?status=succeeded&limit=500",
                given.adminToken())
            .expect(200)
            .json();
    assertThat(succeeded.size()).isEqualTo(BUILDS);
    assertThat(succeeded.values())
        .allSatisfy(build -> assertThat(build.path("attempt").asInt()).isEqualTo(1));
    JsonNode leftBehind =
        hangar
            .client(0)
            .get("/v1/projects/" + project + "/builds?status=queued", given.adminToken())
            .expect(200)
            .json();
    assertThat(leftBehind.size()).isZero();
  }

  /**
   * One runner's life: claim (long-polling a second), check it may run the build, run it, report
   * success.
   */
  private static void runUntilDone(
      ApiClient api,
      Given.Runner runner,
      Kind kind,
      AtomicBoolean done,
      Map<String, String> pipelineOfBuild,
      Map<String, List<String>> claimsByBuild,
      List<String> ineligible) {
    while (!done.get()) {
      ApiClient.Response claim = api.post(runner.path("/claim?wait=1"), runner.token(), null);
      if (claim.status() == 204) {
        continue;
      }
      JsonNode job = claim.expect(200).json();
      String buildId = job.path("build_id").asString();
      claimsByBuild
          .computeIfAbsent(buildId, b -> java.util.Collections.synchronizedList(new ArrayList<>()))
          .add(runner.id());
      if (!kind.pipelines.contains(pipelineOfBuild.get(buildId))) {
        ineligible.add(kind + " got " + pipelineOfBuild.get(buildId));
      }
      String status = runner.path("/jobs/" + buildId + "/status");
      api.post(status, runner.token(), Map.of("status", "running")).expect(200);
      api.post(status, runner.token(), Map.of("status", "succeeded", "exit_code", 0)).expect(200);
    }
  }
}
