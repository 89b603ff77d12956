package dev.hangar.runner.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hangar.runner.support.Fleet;
import dev.hangar.runner.support.Fleet.Registration;
import dev.hangar.runner.support.Pids;
import dev.hangar.runner.support.RunnerProcess;
import dev.hangar.runner.support.SharedTestBed;
import dev.hangar.runner.support.TestBed;
import dev.hangar.testing.HangarProcess;
import dev.hangar.testing.HangarProcesses;
import dev.hangar.testing.TestNamespace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import tools.jackson.databind.JsonNode;

/**
 * A runner whose api-service goes away mid-job: in each test the runner talks to an api-service of
 * its own, in the namespace of the {@link SharedTestBed}, which the test stops and later brings
 * back on the same port, while the bed's dispatcher goes on reaping leases. Most of the time is
 * spent waiting out the runner's retries and a lease, so the two tests run at once.
 */
@ExtendWith(SharedTestBed.class)
@Execution(ExecutionMode.CONCURRENT)
class ApiServiceAwayIT {

  private static final Duration BUILD = Duration.ofSeconds(90);
  private static final Map<String, Object> SETTINGS = SharedTestBed.SETTINGS;

  /** Leases short enough to run out while the api-service is away. */
  private static final Map<String, Object> SHORT_LEASES =
      Fleet.settings(Map.of("hangar.heartbeat-interval", "1s", "hangar.lease-ttl", "8s"));

  @TempDir static Path dir;
  private static TestNamespace namespace;
  private static TestBed bed;
  private static String sha;
  private static Fleet fleet;

  @BeforeAll
  static void start(TestBed shared) {
    bed = shared;
    namespace = bed.namespace();
    sha = bed.sha();
    fleet = bed.newFleet(dir);
  }

  @AfterAll
  static void stop() throws Exception {
    fleet.close();
  }

  @Test
  void aJobRidesOutAnApiServiceRestartAndReportsOnceItIsBack() throws Exception {
    // An api-service of the runner's own, which the test restarts on the same port.
    HangarProcess server = HangarProcesses.launchApi(namespace, SETTINGS).awaitHealthy();
    try {
      String label = Fleet.lane();
      Path out = fleet.directory("restart-out");
      String pipeline =
          bed.pipeline(
              label,
              "echo before the restart; touch \"$OUT/started\";"
                  + " while [ ! -e \"$OUT/go\" ]; do sleep 0.1; done; echo while it was away",
              out);
      Registration registration = fleet.register("patient", label, "android", 1, server.baseUrl());
      RunnerProcess runner = fleet.run(registration, Map.of());
      String build = fleet.build(pipeline, sha);
      await("step started").atMost(BUILD).until(() -> Files.exists(out.resolve("started")));

      server.stop();
      Files.createFile(out.resolve("go"));
      // The step's last output cannot reach the server: the runner holds it and its final report
      // until the server is back (or its patience ends, and then it retries the report).
      await("output failing to reach the server")
          .atMost(BUILD)
          .until(() -> runner.console().contains(build + ": sending output to the server failed"));
      server = server.relaunch().awaitHealthy();

      JsonNode done = fleet.awaitStatus(build, BUILD, "succeeded", "failed", "cancelled");
      assertThat(done.path("status").asString()).as(runner.console()).isEqualTo("succeeded");
      assertThat(done.path("attempt").asInt()).isEqualTo(1);
      assertThat(fleet.api().get("/v1/builds/" + build + "/logs", fleet.admin()).expect(200).body())
          .contains("before the restart\n", "while it was away\n");
      // Drained while its api-service is still there to hear of it.
      runner.terminate();
      assertThat(runner.awaitExit(Duration.ofSeconds(30))).isTrue();
    } finally {
      server.close();
    }
  }

  @Test
  void aJobWhoseLeaseRanOutWhileTheServerWasAwayIsKilledAndNotReportedOn() throws Exception {
    // The runner talks to an api-service of its own, which the test takes away for longer than a
    // lease, then brings back on the same port.
    HangarProcess server = HangarProcesses.launchApi(namespace, SHORT_LEASES).awaitHealthy();
    try {
      String label = Fleet.lane();
      Path out = fleet.directory("partition-out");
      String pipeline =
          bed.pipeline(
              label,
              "echo $$ > \"$OUT/attempt-$HANGAR_ATTEMPT.pid\"; [ \"$HANGAR_ATTEMPT\" != 1 ] || exec sleep 1000",
              out);
      bed.killOnClose(out.resolve("attempt-1.pid"));
      Registration registration =
          fleet.register("partitioned", label, "android", 1, server.baseUrl());
      RunnerProcess runner = fleet.run(registration, Map.of());
      String build = fleet.build(pipeline, sha);
      await("attempt 1 running")
          .atMost(BUILD)
          .until(() -> Files.exists(out.resolve("attempt-1.pid")));
      long first = Pids.read(out.resolve("attempt-1.pid"));

      server.stop();
      await("lease expired and requeued")
          .atMost(BUILD)
          .until(() -> fleet.view(build).path("attempt").asInt() == 2);
      server = server.relaunch().awaitHealthy();

      await("attempt 1's step killed").atMost(BUILD).until(() -> !Pids.running(first));
      JsonNode done = fleet.awaitStatus(build, BUILD, "succeeded", "failed", "cancelled");
      assertThat(done.path("status").asString()).as(runner.console()).isEqualTo("succeeded");
      assertThat(done.path("attempts").findValuesAsString("outcome"))
          .containsExactly("lease_expired", "succeeded");
      assertThat(runner.console())
          .contains("stopped " + build + " attempt 1")
          .doesNotContain("reporting failed for " + build, "reporting cancelled for " + build);
      // Drained while its api-service is still there to hear of it.
      runner.terminate();
      assertThat(runner.awaitExit(Duration.ofSeconds(30))).isTrue();
    } finally {
      server.close();
    }
  }
}
