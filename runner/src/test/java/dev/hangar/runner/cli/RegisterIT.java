package dev.hangar.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hangar.runner.support.Fleet;
import dev.hangar.runner.support.RunnerProcess;
import dev.hangar.runner.support.RunnerProcess.Finished;
import dev.hangar.runner.support.SharedTestBed;
import dev.hangar.runner.support.TestBed;
import dev.hangar.testing.TestNamespace;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code hangar-runner register} (and {@code run}'s start-up checks) as a person uses them, against
 * the api-service of the {@link SharedTestBed}. It registers as a user of its own, so the runners
 * and sessions it counts are its own in the namespace it shares.
 */
@ExtendWith(SharedTestBed.class)
class RegisterIT {

  private static final String REGISTRAR = "registrar";
  private static final String REGISTRAR_PASSWORD = "registrar-password-1";

  @TempDir static Path dir;
  private static TestNamespace namespace;
  private static Fleet fleet;
  private static String url;
  private static String registrarId;
  private static String registrarToken;

  @BeforeAll
  static void start(TestBed shared) {
    namespace = shared.namespace();
    fleet = shared.newFleet(dir);
    url = fleet.baseUrl();
    registrarId =
        fleet
            .api()
            .post(
                "/v1/users",
                fleet.admin(),
                Map.of("username", REGISTRAR, "password", REGISTRAR_PASSWORD))
            .expect(201)
            .text("id");
    registrarToken =
        fleet
            .api()
            .post(
                "/v1/sessions", null, Map.of("username", REGISTRAR, "password", REGISTRAR_PASSWORD))
            .expect(200)
            .text("token");
  }

  @AfterAll
  static void stop() throws Exception {
    fleet.close();
  }

  private static Finished register(Map<String, String> env, String... args) {
    List<String> all = new ArrayList<>(List.of("register", "--url", url));
    all.addAll(List.of(args));
    return RunnerProcess.run(
        fleet.directory("register").resolve("console.log"), env, all.toArray(String[]::new));
  }

  private static Map<String, String> asRegistrar() {
    return Map.of("HANGAR_TOKEN", registrarToken);
  }

  /** The runners this class's user registered. */
  private static long runners() {
    return fleet
        .api()
        .get("/v1/runners", fleet.admin())
        .expect(200)
        .json()
        .valueStream()
        .filter(runner -> runner.path("registered_by").asString().equals(registrarId))
        .count();
  }

  /** The live sessions of this class's user. */
  private static long registrarSessions() {
    var redis = namespace.redis();
    return redis.keys(namespace.name() + ":session:*").stream()
        .filter(key -> registrarId.equals(redis.get(key)))
        .count();
  }

  private static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  @Test
  void registerWritesAConfigOnlyItsOwnerCanReadWithATokenTheRunnerCanUse() throws Exception {
    Path config = dir.resolve("fresh").resolve("hangar").resolve("runner.json");

    Finished done =
        register(
            asRegistrar(),
            "--name",
            "mini-1",
            "--config",
            config.toString(),
            "--platform",
            "ios",
            "--platform",
            "MACOS",
            "--label",
            "m2",
            "--tool",
            "xcode=16.2",
            "--tool",
            "flutter=3.27.1",
            "--capacity",
            "2");

    assertThat(done.exitCode()).as(done.console()).isZero();
    assertThat(mode(config)).isEqualTo("rw-------");
    assertThat(mode(config.getParent())).isEqualTo("rwx------");
    JsonNode written = Fleet.read(config);
    String id = written.path("runner_id").asString();
    String token = written.path("token").asString();
    assertThat(written.path("url").asString()).isEqualTo(url);
    assertThat(written.path("name").asString()).isEqualTo("mini-1");
    assertThat(token).startsWith("hgr_rt_");
    JsonNode runner = fleet.api().get("/v1/runners/" + id, fleet.admin()).expect(200).json();
    assertThat(runner.path("name").asString()).isEqualTo("mini-1");
    assertThat(runner.path("capabilities").path("platforms").valueStream().map(JsonNode::asString))
        .containsExactly("ios", "macos");
    assertThat(runner.path("capabilities").path("tools").path("xcode").asString())
        .isEqualTo("16.2");
    assertThat(runner.path("capabilities").path("labels").valueStream().map(JsonNode::asString))
        .containsExactly("m2");
    assertThat(runner.path("capabilities").path("capacity").asInt()).isEqualTo(2);
    fleet.api().post("/v1/runners/" + id + "/heartbeat", token, null).expect(200);
    assertThat(done.console())
        .contains(id, config.toString())
        .doesNotContain(token, registrarToken);
  }

  @Test
  void whatIsNotGivenIsDetectedAndTheConfigGoesToTheUsersConfigDirectory() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("fake-bin"));
    Path flutter = bin.resolve("flutter");
    Files.writeString(
        flutter,
        "#!/bin/sh\necho 'Flutter 3.27.1 • channel stable • https://github.com/flutter/flutter.git'\necho 'Tools • Dart 3.6.0'\n");
    Files.setPosixFilePermissions(flutter, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path sdk = Files.createDirectories(dir.resolve("android-sdk"));
    Path xdg = dir.resolve("xdg-config");

    Finished done =
        register(
            Map.of(
                "HANGAR_TOKEN",
                registrarToken,
                "PATH",
                bin + ":" + System.getenv("PATH"),
                "ANDROID_HOME",
                sdk.toString(),
                "XDG_CONFIG_HOME",
                xdg.toString()),
            "--name",
            "detected");

    assertThat(done.exitCode()).as(done.console()).isZero();
    Path config = xdg.resolve("hangar").resolve("runner.json");
    assertThat(mode(config)).isEqualTo("rw-------");
    JsonNode capabilities =
        fleet
            .api()
            .get("/v1/runners/" + Fleet.read(config).path("runner_id").asString(), fleet.admin())
            .expect(200)
            .json()
            .path("capabilities");
    assertThat(capabilities.path("platforms").valueStream().map(JsonNode::asString))
        .containsExactly("android", "linux");
    assertThat(capabilities.path("tools").path("flutter").asString()).isEqualTo("3.27.1");
  }

  @Test
  void withoutATokenRegisterLogsInOnTheConsoleAndLogsThatSessionOutAgain() throws Exception {
    assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/script")), "needs util-linux's script for a terminal");
    long before = registrarSessions();
    Path config = dir.resolve("console").resolve("runner.json");
    String command =
        String.join(
            " ",
            Stream.of(
                    RunnerProcess.java(),
                    "-jar",
                    RunnerProcess.JAR.toString(),
                    "register",
                    "--url",
                    url,
                    "--name",
                    "typed",
                    "--config",
                    config.toString(),
                    "--platform",
                    "linux")
                .map(a -> "'" + a + "'")
                .toList());
    ProcessBuilder terminal =
        new ProcessBuilder("/usr/bin/script", "-qec", command, "/dev/null")
            .redirectErrorStream(true);
    terminal.environment().remove("HANGAR_TOKEN");
    Process process = terminal.start();
    StringBuffer screen = new StringBuffer();
    Thread.ofVirtual().start(() -> copy(process.getInputStream(), screen));
    OutputStream keyboard = process.getOutputStream();

    await("username prompt")
        .atMost(Duration.ofSeconds(60))
        .until(() -> screen.toString().contains("Hangar username: "));
    keyboard.write((REGISTRAR + "\n").getBytes(StandardCharsets.UTF_8));
    keyboard.flush();
    await("password prompt")
        .atMost(Duration.ofSeconds(30))
        .until(() -> screen.toString().contains("Password: "));
    keyboard.write((REGISTRAR_PASSWORD + "\n").getBytes(StandardCharsets.UTF_8));
    keyboard.flush();

    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(screen.toString()).isTrue();
    assertThat(process.exitValue()).as(screen.toString()).isZero();
    assertThat(mode(config)).isEqualTo("rw-------");
    assertThat(screen.toString()).doesNotContain(REGISTRAR_PASSWORD);
    assertThat(registrarSessions())
        .as("the session register logged in with is gone")
        .isEqualTo(before);
  }

  private static void copy(InputStream in, StringBuffer screen) {
    byte[] buffer = new byte[1024];
    try (in) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        screen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
      }
    } catch (IOException closed) {
      // the terminal went away with the process
    }
  }

  /** The packaged jar's side of UsageErrorsTest: its exit code, its one line, nothing done. */
  @Test
  void aBadUrlIsOneLineAndExitCodeTwoWithNothingRegistered() {
    long before = runners();

    Finished done =
        RunnerProcess.run(
            fleet.directory("bad-url").resolve("console.log"),
            asRegistrar(),
            "register",
            "--url",
            "ftp://hangar",
            "--name",
            "x",
            "--platform",
            "linux");

    assertThat(done.exitCode()).isEqualTo(2);
    assertThat(done.console().lines().toList())
        .as(done.console())
        .hasSize(1)
        .first()
        .asString()
        .startsWith("hangar-runner: --url must be an http or https URL");
    assertThat(runners()).isEqualTo(before);
  }

  @Test
  void aTokenThatIsNoLiveSessionIsRefused() {
    Finished done =
        register(
            Map.of("HANGAR_TOKEN", "hgr_us_expired-or-made-up"),
            "--name",
            "x",
            "--platform",
            "linux",
            "--config",
            dir.resolve("n1.json").toString());

    assertThat(done.exitCode()).isEqualTo(1);
    assertThat(done.console())
        .startsWith("hangar-runner: HANGAR_TOKEN is not a live session")
        .doesNotContain("hgr_us_expired-or-made-up");
  }

  @Test
  void aServerThatDoesNotAnswerIsSaidSo() {
    Finished done =
        RunnerProcess.run(
            fleet.directory("unreachable").resolve("console.log"),
            asRegistrar(),
            "register",
            "--url",
            "http://127.0.0.1:1",
            "--name",
            "x",
            "--platform",
            "linux",
            "--config",
            dir.resolve("n2.json").toString());

    assertThat(done.exitCode()).isEqualTo(1);
    assertThat(done.console()).startsWith("hangar-runner: cannot reach http://127.0.0.1:1");
  }

  @Test
  void runRefusesAConfigOthersCanRead() throws Exception {
    Fleet.Registration runner = fleet.register("loose", Fleet.lane(), "linux");
    Files.setPosixFilePermissions(runner.config(), PosixFilePermissions.fromString("rw-r--r--"));

    Finished done =
        RunnerProcess.run(
            runner.home().resolve("run.log"),
            Map.of(),
            "run",
            "--config",
            runner.config().toString());

    assertThat(done.exitCode()).isEqualTo(2);
    assertThat(done.console())
        .contains("chmod 600 " + runner.config())
        .doesNotContain(Fleet.read(runner.config()).path("token").asString());
  }

  @Test
  void runStopsWithExitCodeThreeWhenTheServerNoLongerKnowsTheRunner() {
    Fleet.Registration runner = fleet.register("deleted", Fleet.lane(), "linux");
    fleet.api().delete("/v1/runners/" + runner.id(), fleet.admin()).expect(204);

    Finished done =
        RunnerProcess.run(
            runner.home().resolve("run.log"),
            Map.of(),
            "run",
            "--config",
            runner.config().toString(),
            "--work-dir",
            runner.work().toString());

    assertThat(done.exitCode()).as(done.console()).isEqualTo(3);
    assertThat(done.console()).contains("Register it again");
  }
}
