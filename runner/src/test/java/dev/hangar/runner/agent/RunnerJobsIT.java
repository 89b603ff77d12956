package dev.hangar.runner.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hangar.runner.support.Fleet;
import dev.hangar.runner.support.Fleet.Registration;
import dev.hangar.runner.support.Keystores;
import dev.hangar.runner.support.Pids;
import dev.hangar.runner.support.RunnerProcess;
import dev.hangar.runner.support.SharedTestBed;
import dev.hangar.runner.support.TestBed;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import tools.jackson.databind.JsonNode;

/**
 * The real runner jar against a real api-service and dispatcher: builds of a repository served by
 * git daemon, with shell steps, reported back as README "The API" says. Each test has a lane
 * (label) of its own, so the tests run at once; steps leave evidence in a directory of the test's,
 * since the workspace is gone once a build ends.
 */
@ExtendWith(SharedTestBed.class)
@Execution(ExecutionMode.CONCURRENT)
class RunnerJobsIT {

  private static final Duration BUILD = Duration.ofSeconds(90);
  private static final String SESSION_TOKEN = "hgr_us_not-for-builds-0123456789";

  @TempDir static Path dir;
  private static TestBed bed;
  private static String sha;
  private static Fleet fleet;

  @BeforeAll
  static void start(TestBed shared) {
    bed = shared;
    sha = bed.sha();
    fleet = bed.newFleet(dir);
  }

  @AfterAll
  static void stop() throws Exception {
    fleet.close();
  }

  /** A lane: a pipeline with these steps (and more config) and one runner started for it. */
  private record Lane(String pipeline, Registration registration, RunnerProcess runner, Path out) {}

  private static Lane lane(String platform, Map<String, Object> config, int capacity)
      throws IOException {
    String label = Fleet.lane();
    String pipeline = fleet.pipeline(fleet.project(bed.repositoryUrl()), platform, label, config);
    Registration registration = fleet.register("runner", label, platform, capacity);
    RunnerProcess runner = fleet.run(registration, Map.of("HANGAR_TOKEN", SESSION_TOKEN));
    return new Lane(
        pipeline,
        registration,
        runner,
        Files.createDirectories(registration.home().resolve("out")));
  }

  private static Map<String, Object> steps(Map<?, ?>... steps) {
    return Map.of("steps", List.of(steps));
  }

  private static JsonNode finished(String build) {
    return fleet.awaitStatus(build, BUILD, "succeeded", "failed", "cancelled");
  }

  @Test
  void shellStepsSucceedAndEachStepIsReported() throws IOException {
    Lane lane =
        lane(
            "android",
            steps(
                Map.of("name", "greet", "run", "echo hello from $HANGAR_BUILD_ID; cat README.md"),
                Map.of("name", "nap", "run", "sleep 1")),
            1);
    String build = fleet.build(lane.pipeline(), sha);

    JsonNode done = finished(build);

    assertThat(done.path("status").asString()).as(lane.runner().console()).isEqualTo("succeeded");
    assertThat(done.path("exit_code").asInt()).isZero();
    assertThat(done.path("steps").findValuesAsString("name"))
        .containsExactly("checkout", "greet", "nap");
    for (JsonNode step : done.path("steps")) {
      assertThat(step.path("status").asString()).isEqualTo("succeeded");
      assertThat(step.path("exit_code").asInt()).isZero();
      assertThat(step.path("started_at").asLong())
          .isPositive()
          .isLessThanOrEqualTo(step.path("finished_at").asLong());
      assertThat(step.path("duration_ms").isIntegralNumber()).isTrue();
    }
    assertThat(lane.runner().console())
        .contains(
            "[" + build + " greet] hello from " + build,
            "[" + build + " greet] hello from the repository");
  }

  @Test
  void stepOutputReachesTheBuildsLogInOrderUnderAHeaderPerStep() throws IOException {
    Lane lane =
        lane(
            "android",
            steps(
                Map.of("name", "greet", "run", "echo hello from $HANGAR_BUILD_ID; echo oops >&2"),
                // About 170 KB: several chunks.
                Map.of("name", "count", "run", "seq 1 30000")),
            1);
    String build = fleet.build(lane.pipeline(), sha);

    JsonNode done = finished(build);

    assertThat(done.path("status").asString()).as(lane.runner().console()).isEqualTo("succeeded");
    String log = log(build);
    String counted =
        java.util.stream.IntStream.rangeClosed(1, 30000)
            .mapToObj(Integer::toString)
            .collect(Collectors.joining("\n", "", "\n"));
    assertThat(log)
        .startsWith("--- step checkout ---\n")
        .contains("--- step greet ---\nhello from " + build + "\noops\n--- step count ---\n")
        .endsWith("--- step count ---\n" + counted);
  }

  /** The build's log as the server keeps it, complete once the build has ended. */
  private static String log(String build) {
    await("the log of " + build + " complete")
        .atMost(BUILD)
        .until(
            () ->
                fleet
                    .api()
                    .get("/v1/builds/" + build + "/logs", fleet.admin())
                    .header("Hangar-Log-Complete")
                    .equals("true"));
    return fleet.api().get("/v1/builds/" + build + "/logs", fleet.admin()).expect(200).body();
  }

  @Test
  void aFailingStepFailsTheBuildWithItsExitCodeAndNothingAfterItRuns() throws IOException {
    Lane lane =
        lane(
            "android",
            steps(
                Map.of("name", "fine", "run", "true"),
                Map.of("name", "boom", "run", "exit 3"),
                Map.of("name", "after", "run", "touch \"$OUT/after\"")),
            1);
    String build = fleet.build(lane.pipeline(), sha);

    JsonNode done = finished(build);

    assertThat(done.path("status").asString()).as(lane.runner().console()).isEqualTo("failed");
    assertThat(done.path("exit_code").asInt()).isEqualTo(3);
    assertThat(done.path("failure_reason").asString()).isEqualTo("runner_reported");
    assertThat(done.path("message").asString()).isEqualTo("step 'boom' exited with 3");
    assertThat(done.path("steps").findValuesAsString("name"))
        .containsExactly("checkout", "fine", "boom");
    assertThat(done.path("steps").get(2).path("status").asString()).isEqualTo("failed");
    assertThat(done.path("steps").get(2).path("exit_code").asInt()).isEqualTo(3);
    assertThat(lane.out().resolve("after")).doesNotExist();
  }

  @Test
  void stepsSeeTheBuildTheirOwnEnvAndTheCheckoutButNeverTheSessionToken() throws IOException {
    Path out = fleet.directory("env-out");
    Lane lane =
        lane(
            "android",
            steps(
                Map.of(
                    "name", "inspect",
                    "run",
                        "env > \"$OUT/env\"; pwd > \"$OUT/pwd\"; test -f README.md && test -f lib/main.dart",
                    "env", Map.of("OUT", out.toString(), "GREETING", "hi", "NUMBER", 42))),
            1);
    // An abbreviated sha, as a person may queue it: the runner checks out, and reports, the full
    // commit.
    String build = fleet.build(lane.pipeline(), sha.substring(0, 12));

    JsonNode done = finished(build);

    assertThat(done.path("status").asString()).as(lane.runner().console()).isEqualTo("succeeded");
    Map<String, String> env =
        Files.readAllLines(out.resolve("env")).stream()
            .filter(l -> l.contains("="))
            .collect(
                Collectors.toMap(l -> l.split("=", 2)[0], l -> l.split("=", 2)[1], (a, b) -> a));
    assertThat(env)
        .containsEntry("CI", "true")
        .containsEntry("HANGAR_BUILD_ID", build)
        .containsEntry("HANGAR_BUILD_NUMBER", done.path("build_number").asString())
        .containsEntry("HANGAR_COMMIT_SHA", sha)
        .containsEntry("HANGAR_BRANCH", "main")
        .containsEntry("HANGAR_ATTEMPT", "1")
        .containsEntry("GREETING", "hi")
        .containsEntry("NUMBER", "42")
        .containsEntry("PUB_CACHE", lane.registration().cache().resolve("pub").toString())
        .containsEntry("GRADLE_USER_HOME", lane.registration().cache().resolve("gradle").toString())
        .doesNotContainKey("HANGAR_TOKEN");
    Path workspace = Path.of(Files.readString(out.resolve("pwd")).strip());
    assertThat(workspace.startsWith(lane.registration().work())).as(workspace.toString()).isTrue();
    assertThat(workspace).as("removed before the build was reported ended").doesNotExist();
  }

  @Test
  void aCancelledBuildLosesItsWholeProcessTreeEvenWhatIgnoresSigterm() throws IOException {
    Path out = fleet.directory("cancel-out");
    // The shell and its child ignore SIGTERM, so only the SIGKILL after the grace period ends them.
    Lane lane =
        lane(
            "android",
            steps(
                Map.of(
                    "name",
                    "stubborn",
                    "run",
                    "trap '' TERM; sleep 1000 & echo $! > \"$OUT/child.pid\"; echo $$ > \"$OUT/shell.pid\"; wait",
                    "env",
                    Map.of("OUT", out.toString()))),
            1);
    String build = fleet.build(lane.pipeline(), sha);
    await("step started")
        .atMost(BUILD)
        .until(
            () -> Files.exists(out.resolve("child.pid")) && Files.exists(out.resolve("shell.pid")));
    long child = Pids.read(out.resolve("child.pid"));
    long shell = Pids.read(out.resolve("shell.pid"));

    fleet.api().post("/v1/builds/" + build + "/cancel", fleet.admin(), null).expect(200);

    JsonNode done = finished(build);
    assertThat(done.path("status").asString()).as(lane.runner().console()).isEqualTo("cancelled");
    assertThat(done.path("message").asString()).isEqualTo("the build was cancelled");
    assertThat(done.path("steps").findValuesAsString("status"))
        .containsExactly("succeeded", "cancelled");
    await("step's processes gone")
        .atMost(Duration.ofSeconds(10))
        .until(() -> !Pids.running(child) && !Pids.running(shell));
  }

  @Test
  void aJobTimeoutAndAStepTimeoutEachFailTheBuildSayingWhich() throws IOException {
    Lane job =
        lane(
            "android",
            Map.of(
                // Long enough for the checkout, which takes seconds when the other tests load the
                // machine: the job must run out in 'forever'.
                "timeout_seconds",
                20,
                "steps",
                List.of(Map.of("name", "forever", "run", "sleep 1000"))),
            1);
    Lane step =
        lane(
            "android", steps(Map.of("name", "slow", "run", "sleep 1000", "timeout_seconds", 1)), 1);
    String jobBuild = fleet.build(job.pipeline(), sha);
    String stepBuild = fleet.build(step.pipeline(), sha);

    JsonNode jobDone = finished(jobBuild);
    JsonNode stepDone = finished(stepBuild);

    assertThat(jobDone.path("status").asString()).as(job.runner().console()).isEqualTo("failed");
    assertThat(jobDone.path("message").asString())
        .isEqualTo("the job exceeded its timeout_seconds (20 s) during step 'forever'");
    assertThat(stepDone.path("status").asString()).as(step.runner().console()).isEqualTo("failed");
    assertThat(stepDone.path("message").asString())
        .isEqualTo("step 'slow' exceeded its timeout (1 s)");
    assertThat(stepDone.path("steps").get(1).path("status").asString()).isEqualTo("timed_out");
  }

  @Test
  void withoutStepsThePlatformsFlutterCommandsRun() throws IOException {
    Lane lane = lane("android", Map.of("flavor", "prod"), 1);
    String build = fleet.build(lane.pipeline(), sha);

    JsonNode done = finished(build);

    // No Flutter here (and no pubspec.yaml in the repository): the first default step fails.
    assertThat(done.path("status").asString()).as(lane.runner().console()).isEqualTo("failed");
    assertThat(done.path("steps").findValuesAsString("name"))
        .containsExactly("checkout", "flutter pub get");
    assertThat(done.path("message").asString()).startsWith("step 'flutter pub get' exited with");
  }

  @Test
  void stepsThatAreNotAListFailTheBuildNamingTheField() throws IOException {
    Lane lane = lane("android", Map.of("steps", "flutter test"), 1);
    String build = fleet.build(lane.pipeline(), sha);

    JsonNode done = finished(build);

    assertThat(done.path("status").asString()).as(lane.runner().console()).isEqualTo("failed");
    assertThat(done.path("message").asString())
        .isEqualTo("config_snapshot: steps must be a list of steps");
  }

  @Test
  void aRunnerWithCapacityTwoRunsTwoBuildsAtOnce() throws IOException {
    Path out = fleet.directory("together-out");
    // Each build waits (up to a minute) until both have started: run one after the other, both
    // fail.
    String bothStarted =
        "touch \"$OUT/$HANGAR_BUILD_ID\"; i=0; while [ \"$(ls \"$OUT\" | wc -l)\" -lt 2 ]; do i=$((i+1)); [ $i -lt 600 ] || exit 9; sleep 0.1; done";
    Lane lane =
        lane(
            "android",
            steps(
                Map.of(
                    "name", "together", "run", bothStarted, "env", Map.of("OUT", out.toString()))),
            2);
    String first = fleet.build(lane.pipeline(), sha);
    String second = fleet.build(lane.pipeline(), sha);

    assertThat(finished(first).path("status").asString())
        .as(lane.runner().console())
        .isEqualTo("succeeded");
    assertThat(finished(second).path("status").asString())
        .as(lane.runner().console())
        .isEqualTo("succeeded");
  }

  @Test
  void signingFilesArePrivateDuringTheStepsAndGoneAfterwardsWhateverTheOutcome() throws Exception {
    Path out = fleet.directory("signing-out");
    Path keystore =
        Keystores.jks(out.resolve("uploaded.jks"), "store-secret-1", "upload", "key-secret-2");
    String inspect =
        """
        mkdir -p "$OUT/$HANGAR_BUILD_NUMBER"; cd_out="$OUT/$HANGAR_BUILD_NUMBER"
        stat -c '%a' "$HANGAR_ANDROID_KEYSTORE" > "$cd_out/keystore.mode"
        stat -c '%a' "$(dirname "$HANGAR_ANDROID_KEYSTORE")" > "$cd_out/dir.mode"
        stat -c '%a' android/key.properties > "$cd_out/properties.mode"
        cp android/key.properties "$cd_out/key.properties"
        cmp "$HANGAR_ANDROID_KEYSTORE" "$OUT/uploaded.jks"
        echo "$HANGAR_ANDROID_KEYSTORE" > "$cd_out/keystore.path"
        echo "$HANGAR_ANDROID_KEY_ALIAS $HANGAR_ANDROID_KEYSTORE_PASSWORD $HANGAR_ANDROID_KEY_PASSWORD" > "$cd_out/variables"
        echo "the password is $HANGAR_ANDROID_KEYSTORE_PASSWORD"
        [ "$HANGAR_BUILD_NUMBER" = 1 ]
        """;
    Lane lane =
        lane(
            "android",
            steps(Map.of("name", "sign", "run", inspect, "env", Map.of("OUT", out.toString()))),
            1);
    fleet
        .api()
        .send(
            "PUT",
            "/v1/pipelines/" + lane.pipeline() + "/android-signing",
            fleet.admin(),
            Map.of(
                "keystore_base64", Base64.getEncoder().encodeToString(Files.readAllBytes(keystore)),
                "keystore_password", "store-secret-1",
                "key_alias", "upload",
                "key_password", "key-secret-2"),
            "application/json")
        .expect(200);

    // Build 1 succeeds, build 2 fails at its last line: the files go either way.
    for (String expected : List.of("succeeded", "failed")) {
      String build = fleet.build(lane.pipeline(), sha);
      JsonNode done = finished(build);
      assertThat(done.path("status").asString()).as(lane.runner().console()).isEqualTo(expected);
      Path evidence = out.resolve(done.path("build_number").asString());
      assertThat(Files.readString(evidence.resolve("keystore.mode")).strip()).isEqualTo("600");
      assertThat(Files.readString(evidence.resolve("dir.mode")).strip()).isEqualTo("700");
      assertThat(Files.readString(evidence.resolve("properties.mode")).strip()).isEqualTo("600");
      assertThat(Files.readString(evidence.resolve("variables")).strip())
          .isEqualTo("upload store-secret-1 key-secret-2");
      Path signed = Path.of(Files.readString(evidence.resolve("keystore.path")).strip());
      Properties properties = new Properties();
      properties.load(new StringReader(Files.readString(evidence.resolve("key.properties"))));
      assertThat(properties)
          .containsEntry("storePassword", "store-secret-1")
          .containsEntry("keyPassword", "key-secret-2")
          .containsEntry("keyAlias", "upload")
          .containsEntry("storeFile", signed.toString());
      assertThat(signed.getParent())
          .as("removed before the build was reported ended")
          .doesNotExist();
      assertThat(log(build))
          .contains("the password is [masked]")
          .doesNotContain("store-secret-1", "key-secret-2");
    }
    assertThat(lane.runner().console())
        .contains("the password is [masked]")
        .doesNotContain("store-secret-1", "key-secret-2");
  }

  @Test
  void anArtifactComesBackWithItsSizeAndHashAndALinkServesItWithoutASessionUntilItExpires()
      throws Exception {
    Lane lane =
        lane(
            "android",
            Map.of(
                "steps",
                List.of(
                    Map.of("name", "build", "run", "mkdir -p out && seq 1 50000 > out/app.apk")),
                "artifacts",
                List.of("out/*.apk")),
            1);
    String build = fleet.build(lane.pipeline(), sha);

    JsonNode done = finished(build);

    assertThat(done.path("status").asString()).as(lane.runner().console()).isEqualTo("succeeded");
    assertThat(done.path("steps").findValuesAsString("name"))
        .containsExactly("checkout", "build", "upload artifacts");
    String apk =
        IntStream.rangeClosed(1, 50_000).mapToObj(i -> i + "\n").collect(Collectors.joining());
    JsonNode listed =
        fleet
            .api()
            .get("/v1/builds/" + build + "/artifacts", fleet.admin())
            .expect(200)
            .json()
            .path("artifacts");
    assertThat(listed).hasSize(1);
    assertThat(listed.get(0).path("name").asString()).isEqualTo("app.apk");
    assertThat(listed.get(0).path("size").asLong()).isEqualTo(apk.length());
    assertThat(listed.get(0).path("sha256").asString())
        .isEqualTo(
            HexFormat.of()
                .formatHex(
                    MessageDigest.getInstance("SHA-256")
                        .digest(apk.getBytes(StandardCharsets.US_ASCII))));
    assertThat(listed.get(0).path("attempt").asInt()).isEqualTo(1);

    String url =
        fleet
            .api()
            .post(
                "/v1/builds/" + build + "/artifacts/app.apk/link",
                fleet.admin(),
                // Long enough to be fetched once on a loaded machine before it runs out.
                Map.of("expires_in_seconds", 5))
            .expect(201)
            .json()
            .path("url")
            .asString();
    assertThat(fleet.api().get(url, null).expect(200).body()).isEqualTo(apk);
    await("the link expired")
        .atMost(Duration.ofSeconds(15))
        .until(() -> fleet.api().get(url, null).status() == 410);
  }
}
