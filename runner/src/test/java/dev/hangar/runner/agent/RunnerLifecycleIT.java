package dev.hangar.runner.agent;

import static dev.hangar.api.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hangar.api.support.ApiClient;
import dev.hangar.runner.support.Fleet;
import dev.hangar.runner.support.Fleet.Registration;
import dev.hangar.runner.support.Pids;
import dev.hangar.runner.support.RunnerProcess;
import dev.hangar.runner.support.SharedTestBed;
import dev.hangar.runner.support.TestBed;
import dev.hangar.testing.HangarProcess;
import dev.hangar.testing.HangarProcesses;
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
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import tools.jackson.databind.JsonNode;

/**
 * The runner's life around its jobs, with the real jar as a separate process: draining on SIGTERM,
 * cancelling on a second one, dying mid-job (the build goes to another runner as attempt 2), being
 * deleted, and restarting after a crash. Leases are short here, so a lost one shows quickly: the
 * runners talk to an api-service of the class's own with those leases, in the namespace of the
 * {@link SharedTestBed}, whose dispatcher reaps them. The tests run at once, each with a lane and
 * runners of its own, but for the restart within a lease: that one runs alone, since the restarted
 * runner must not wait for CPU.
 */
@ExtendWith(SharedTestBed.class)
@Execution(ExecutionMode.CONCURRENT)
class RunnerLifecycleIT {

  /** What the restart test holds alone and the others share. */
  private static final String RESTART_WITHIN_LEASE = "RunnerLifecycleIT: a restart within a lease";

  private static final Duration BUILD = Duration.ofSeconds(90);
  private static final Duration LEASE_TTL = Duration.ofSeconds(8);

  @TempDir static Path dir;
  private static TestBed bed;
  private static HangarProcess server;
  private static String sha;
  private static Fleet fleet;

  @BeforeAll
  static void start(TestBed shared) {
    bed = shared;
    sha = bed.sha();
    server =
        HangarProcesses.launchApi(
                bed.namespace(),
                Fleet.settings(
                    Map.of(
                        "hangar.heartbeat-interval",
                        "1s",
                        "hangar.lease-ttl",
                        LEASE_TTL.toSeconds() + "s")))
            .awaitHealthy();
    fleet = new Fleet(new ApiClient(server.baseUrl()), server.baseUrl(), dir);
  }

  @AfterAll
  static void stop() throws Exception {
    if (fleet != null) {
      fleet.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private static JsonNode runnerView(String id) {
    return fleet.api().get("/v1/runners/" + id, fleet.admin()).expect(200).json();
  }

  @Test
  @ResourceLock(value = RESTART_WITHIN_LEASE, mode = ResourceAccessMode.READ)
  void sigtermDrainsFinishesTheRunningJobAndExitsZero() throws Exception {
    String label = Fleet.lane();
    Path out = fleet.directory("drain-out");
    String pipeline =
        bed.pipeline(
            label, "touch \"$OUT/started\"; while [ ! -e \"$OUT/go\" ]; do sleep 0.1; done", out);
    Registration registration = fleet.register("drainer", label, "android");
    RunnerProcess runner = fleet.run(registration, Map.of());
    String build = fleet.build(pipeline, sha);
    await("step started").atMost(BUILD).until(() -> Files.exists(out.resolve("started")));

    runner.terminate();

    await("runner draining")
        .atMost(Duration.ofSeconds(20))
        .until(() -> runnerView(registration.id()).path("status").asString().equals("draining"));
    String waiting = fleet.build(pipeline, sha);
    Files.createFile(out.resolve("go"));
    assertThat(
            fleet
                .awaitStatus(build, BUILD, "succeeded", "failed", "cancelled")
                .path("status")
                .asString())
        .as(runner.console())
        .isEqualTo("succeeded");
    assertThat(runner.awaitExit(Duration.ofSeconds(30))).as(runner.console()).isTrue();
    assertThat(runner.exitCode()).as(runner.console()).contains(0);
    assertThat(fleet.view(waiting).path("status").asString()).isEqualTo("queued");
    assertThat(runner.console()).contains(registration.id() + ": draining");
  }

  @Test
  @ResourceLock(value = RESTART_WITHIN_LEASE, mode = ResourceAccessMode.READ)
  void anIdleRunnerStopsOnSigtermWithoutWaitingOutItsLongPoll() throws Exception {
    String label = Fleet.lane();
    Registration registration = fleet.register("idle", label, "android");
    RunnerProcess runner = fleet.run(registration, Map.of());
    await("long-polling")
        .atMost(Duration.ofSeconds(30))
        .until(() -> runner.console().contains(registration.id() + " (idle) online"));

    runner.terminate();

    // Well inside the 30 s the server would hold the claim for: the drain cut it short.
    assertThat(runner.awaitExit(Duration.ofSeconds(20))).as(runner.console()).isTrue();
    assertThat(runner.exitCode()).as(runner.console()).contains(0);
    assertThat(runnerView(registration.id()).path("status").asString()).isEqualTo("draining");
  }

  @Test
  @ResourceLock(value = RESTART_WITHIN_LEASE, mode = ResourceAccessMode.READ)
  void aSecondSigtermCancelsTheRunningJobAndExits() throws Exception {
    String label = Fleet.lane();
    Path out = fleet.directory("stop-out");
    String pipeline = bed.pipeline(label, "sleep 1000 & echo $! > \"$OUT/child.pid\"; wait", out);
    Registration registration = fleet.register("stopper", label, "android");
    RunnerProcess runner = fleet.run(registration, Map.of());
    String build = fleet.build(pipeline, sha);
    await("step started").atMost(BUILD).until(() -> Files.exists(out.resolve("child.pid")));
    long child = Pids.read(out.resolve("child.pid"));

    runner.terminate();
    await("draining")
        .atMost(Duration.ofSeconds(20))
        .until(() -> runner.console().contains(registration.id() + ": draining"));
    runner.terminate();

    JsonNode done = fleet.awaitStatus(build, BUILD, "succeeded", "failed", "cancelled");
    assertThat(done.path("status").asString()).as(runner.console()).isEqualTo("cancelled");
    assertThat(done.path("message").asString()).isEqualTo("the runner was stopped");
    assertThat(runner.awaitExit(Duration.ofSeconds(30))).as(runner.console()).isTrue();
    assertThat(runner.exitCode()).contains(0);
    await("child gone").atMost(Duration.ofSeconds(10)).until(() -> !Pids.running(child));
  }

  @Test
  @ResourceLock(value = RESTART_WITHIN_LEASE, mode = ResourceAccessMode.READ)
  void aRunnerKilledMidJobLosesTheBuildToAnotherRunnerAsAttemptTwoAndCannotReportOnIt()
      throws Exception {
    String label = Fleet.lane();
    Path out = fleet.directory("killed-out");
    // Attempt 1 hangs until its runner dies under it; attempt 2 finishes.
    String pipeline =
        bed.pipeline(
            label,
            "echo $$ > \"$OUT/attempt-$HANGAR_ATTEMPT.pid\"; [ \"$HANGAR_ATTEMPT\" != 1 ] || exec sleep 1000",
            out);
    bed.killOnClose(out.resolve("attempt-1.pid"));
    Registration first = fleet.register("first", label, "android");
    RunnerProcess dying = fleet.run(first, Map.of());
    String build = fleet.build(pipeline, sha);
    await("attempt 1 running")
        .atMost(BUILD)
        .until(() -> Files.exists(out.resolve("attempt-1.pid")));
    fleet.awaitStatus(build, BUILD, "running");

    dying.kill();
    assertThat(dying.awaitExit(Duration.ofSeconds(30))).isTrue();
    Registration second = fleet.register("second", label, "android");
    RunnerProcess survivor = fleet.run(second, Map.of());

    JsonNode done =
        fleet.awaitStatus(build, BUILD.plus(LEASE_TTL), "succeeded", "failed", "cancelled");
    assertThat(done.path("status").asString()).as(survivor.console()).isEqualTo("succeeded");
    assertThat(done.path("attempt").asInt()).isEqualTo(2);
    assertThat(done.path("runner_id").asString()).isEqualTo(second.id());
    assertThat(done.path("attempts").findValuesAsString("runner_id"))
        .containsExactly(first.id(), second.id());
    assertThat(done.path("attempts").findValuesAsString("outcome"))
        .containsExactly("lease_expired", "succeeded");
    String firstToken = Fleet.read(first.config()).path("token").asString();
    ApiClient.Response late =
        fleet
            .api()
            .post(
                "/v1/runners/" + first.id() + "/jobs/" + build + "/status",
                firstToken,
                Map.of("status", "succeeded", "attempt", 1, "exit_code", 0));
    assertProblem(late, 409, "lease_lost");
  }

  @Test
  @ResourceLock(value = RESTART_WITHIN_LEASE, mode = ResourceAccessMode.READ)
  void aDeletedRunnerStopsItsJobAtOnceAndExitsWithThree() throws Exception {
    String label = Fleet.lane();
    Path out = fleet.directory("deleted-out");
    String pipeline = bed.pipeline(label, "sleep 1000 & echo $! > \"$OUT/child.pid\"; wait", out);
    Registration registration = fleet.register("doomed", label, "android");
    RunnerProcess runner = fleet.run(registration, Map.of());
    String build = fleet.build(pipeline, sha);
    await("step started").atMost(BUILD).until(() -> Files.exists(out.resolve("child.pid")));
    long child = Pids.read(out.resolve("child.pid"));

    fleet.api().delete("/v1/runners/" + registration.id(), fleet.admin()).expect(204);

    assertThat(runner.awaitExit(Duration.ofSeconds(30))).as(runner.console()).isTrue();
    assertThat(runner.exitCode()).as(runner.console()).contains(3);
    assertThat(runner.console())
        .contains("the server no longer accepts this runner")
        .doesNotContain(Fleet.read(registration.config()).path("token").asString());
    await("child gone").atMost(Duration.ofSeconds(10)).until(() -> !Pids.running(child));
    JsonNode requeued = fleet.view(build);
    assertThat(requeued.path("status").asString()).isEqualTo("queued");
    assertThat(requeued.path("attempt").asInt()).isEqualTo(2);
  }

  @Test
  @ResourceLock(RESTART_WITHIN_LEASE)
  void aRunnerRestartedAfterACrashRunsTheBuildItStillHolds() throws Exception {
    String label = Fleet.lane();
    Path out = fleet.directory("restart-out");
    String pipeline =
        bed.pipeline(
            label,
            "if [ -e \"$OUT/first.pid\" ]; then echo second life; else echo $$ > \"$OUT/first.pid\"; exec sleep 1000; fi",
            out);
    bed.killOnClose(out.resolve("first.pid"));
    Registration registration = fleet.register("phoenix", label, "android");
    RunnerProcess crashed = fleet.run(registration, Map.of());
    String build = fleet.build(pipeline, sha);
    await("first life running").atMost(BUILD).until(() -> Files.exists(out.resolve("first.pid")));
    fleet.awaitStatus(build, BUILD, "running");

    crashed.kill();
    assertThat(crashed.awaitExit(Duration.ofSeconds(30))).isTrue();
    RunnerProcess restarted = fleet.run(registration, Map.of());

    JsonNode done = fleet.awaitStatus(build, BUILD, "succeeded", "failed", "cancelled");
    assertThat(done.path("status").asString()).as(restarted.console()).isEqualTo("succeeded");
    // Still attempt 1: the restarted runner's heartbeats kept the lease and it ran the job itself.
    assertThat(done.path("attempt").asInt()).as(restarted.console()).isEqualTo(1);
    assertThat(restarted.console())
        .contains(
            "the server lists " + build + " as held by this runner",
            "[" + build + " work] second life");
  }
}
