package dev.hangar.runner.operations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.api.support.ApiClient;
import dev.hangar.runner.config.ConfigFile;
import dev.hangar.runner.config.RunnerConfig;
import dev.hangar.runner.support.Pids;
import dev.hangar.testing.FreePorts;
import dev.hangar.testing.ShortLivedJava;
import dev.hangar.testing.TestNamespace;
import dev.hangar.testing.TestSecrets;
import dev.hangar.testing.TestServices;
import io.lettuce.core.RedisClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./hangar up} with the runner it starts on this machine, and {@code ./hangar demo}'s builds
 * on it, as someone trying Hangar on a fresh clone runs them: free ports, a Redis the script starts
 * on a port of the test's own, the shared RabbitMQ, a test namespace. One {@code up} serves the
 * tests in order, the last of which runs {@code ./hangar down}. The home it starts in already holds
 * a runner registration the server does not know, as when that runner was deleted or Redis lost its
 * data, so that {@code up} has to register the machine anew. It lives with the runner because
 * hangar-runner.jar is packaged only after api-service's tests have run.
 */
@TestMethodOrder(OrderAnnotation.class)
class HangarDemoIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** The runner of the registration the home starts with, which the server has never heard of. */
  private static final String REFUSED_RUNNER = "runner_deletedlongago23";

  private static HangarHome home;
  private static int redisPort;
  private static TestNamespace namespace;
  private static ApiClient api;
  private static String upOutput;

  @BeforeAll
  static void up() throws Exception {
    Assumptions.assumeTrue(
        Stream.of("redis-server", "curl", "git").allMatch(HangarDemoIT::onPath),
        "./hangar up and demo need redis-server, curl and git on PATH");
    redisPort = FreePorts.next();
    namespace = TestNamespace.create(redisPort);
    int apiPort = FreePorts.next();
    home =
        HangarHome.create(
            Map.ofEntries(
                Map.entry("HANGAR_MODE", "local"),
                Map.entry("HANGAR_JDK_HOME", System.getProperty("java.home")),
                // What a user of a small machine would pass: JVMs that start on less CPU.
                Map.entry("HANGAR_JAVA_OPTS", ShortLivedJava.OPTIONS),
                Map.entry("HANGAR_PORT", Integer.toString(apiPort)),
                Map.entry("HANGAR_DISPATCHER_PORT", Integer.toString(FreePorts.next())),
                Map.entry("HANGAR_MANAGEMENT_PORT", Integer.toString(FreePorts.next())),
                Map.entry("HANGAR_DISPATCHER_MANAGEMENT_PORT", Integer.toString(FreePorts.next())),
                // Three JVMs booting on a machine other builds load too.
                Map.entry("HANGAR_HEALTH_TIMEOUT", "300"),
                Map.entry("HANGAR_NAMESPACE", namespace.name()),
                // Given, not generated, so the test can log in, and so it can check that the
                // runner's builds never see them.
                Map.entry("HANGAR_ADMIN_PASSWORD", TestSecrets.ADMIN_PASSWORD),
                Map.entry("HANGAR_SECRETS_KEY", TestSecrets.SECRETS_KEY),
                Map.entry("SPRING_DATA_REDIS_HOST", "127.0.0.1"),
                Map.entry("SPRING_DATA_REDIS_PORT", Integer.toString(redisPort)),
                Map.entry("SPRING_RABBITMQ_HOST", TestServices.host()),
                Map.entry("SPRING_RABBITMQ_PORT", Integer.toString(TestServices.rabbitPort()))));
    String apiUrl = "http://127.0.0.1:" + apiPort;
    ConfigFile.create(
        runnerConfig(),
        new RunnerConfig(apiUrl, REFUSED_RUNNER, "token-of-a-deleted-runner", "gone-local"));
    api = new ApiClient(apiUrl);
    HangarHome.Run up = home.hangar("up");
    upOutput = up.output();
    assertThat(up.exitCode()).as("./hangar up exit code; it said:%n%s", upOutput).isZero();
  }

  @AfterAll
  static void down() throws Exception {
    if (home == null) {
      return;
    }
    HangarHome.Run down = home.hangar("down");
    home.killWhatIsLeft();
    if (redisAnswers()) {
      namespace.close();
      try (RedisClient client = RedisClient.create("redis://127.0.0.1:" + redisPort)) {
        // The Redis the script started for this test, on the test's own port: nobody else uses it.
        client.connect().sync().shutdown(false);
      }
    }
    home.delete();
    assertThat(down.exitCode()).as("./hangar down exit code; it said:%n%s", down.output()).isZero();
  }

  @Test
  @Order(1)
  void upStartsARunnerOfThisMachineThatShowsOnline() throws IOException {
    String id = runnerId();

    JsonNode runner = api.get("/v1/runners/" + id, api.loginAdmin()).expect(200).json();
    assertThat(runner.path("status").asString()).isEqualTo("online");
    assertThat(runner.path("name").asString()).endsWith("-local");
    assertThat(texts(runner.path("capabilities").path("platforms"))).contains(hostPlatform());
    assertThat(upOutput).contains(id).contains(".hangar/logs/runner.log");
  }

  @Test
  @Order(2)
  void upRegistersAnewWhenTheStoredRunnerIsRefused() throws IOException {
    String id = runnerId();

    assertThat(upOutput).contains("Runner " + REFUSED_RUNNER + " is not accepted any more");
    assertThat(upOutput).contains("registering a new one");
    assertThat(id).isNotEqualTo(REFUSED_RUNNER);
    assertThat(api.get("/v1/runners/" + id, api.loginAdmin()).expect(200).text("status"))
        .isEqualTo("online");
  }

  @Test
  @Order(3)
  void theRunnerHandsNoneOfHangarsSettingsOnToItsBuilds() throws IOException {
    Path environ = Path.of("/proc", Long.toString(pid("runner")), "environ");
    Assumptions.assumeTrue(Files.isReadable(environ), "reads a process's environment in /proc");

    // A build step inherits the runner's environment; the admin password and the secrets key
    // were in the environment of ./hangar up.
    List<String> names =
        Arrays.stream(Files.readString(environ, StandardCharsets.UTF_8).split("\0"))
            .map(entry -> entry.substring(0, Math.max(entry.indexOf('='), 0)))
            .toList();
    assertThat(names)
        .isNotEmpty()
        .noneMatch(n -> n.startsWith("HANGAR_") || n.startsWith("SPRING_"));
  }

  @Test
  @Order(4)
  void demoBuildsTheHelloProjectOnThatRunner() throws Exception {
    HangarHome.Run demo = home.hangar("demo");

    assertThat(demo.exitCode()).as("./hangar demo exit code; it said:%n%s", demo.output()).isZero();
    String admin = api.loginAdmin();
    JsonNode build = onlyElement(builds(onlyElement(projectsNamed("hello", admin)), admin));
    assertThat(build.path("status").asString()).isEqualTo("succeeded");
    assertThat(build.path("exit_code").asInt(-1)).isZero();
    assertThat(build.path("runner_id").asString()).isEqualTo(runnerId());
    assertThat(stepStatuses(build))
        .containsEntry("build", "succeeded")
        .containsEntry("test", "succeeded");
    assertThat(demo.output()).contains(build.path("id").asString()).contains("succeeded");
    // The build's own log as the API streams it, each line once.
    assertThat(demo.output())
        .containsOnlyOnce(
            "Wrote out/hello.txt: Hello from Hangar build " + build.path("build_number").asInt());
  }

  @Test
  @Order(5)
  void demoAgainQueuesANewBuildOfTheSameProjectAndPipeline() throws Exception {
    HangarHome.Run demo = home.hangar("demo");

    assertThat(demo.exitCode()).as("./hangar demo exit code; it said:%n%s", demo.output()).isZero();
    String admin = api.loginAdmin();
    JsonNode project = onlyElement(projectsNamed("hello", admin));
    String projectId = project.path("id").asString();
    assertThat(api.get("/v1/projects/" + projectId + "/pipelines", admin).expect(200).json())
        .hasSize(1);
    assertThat(builds(project, admin))
        .hasSize(2)
        .allSatisfy(build -> assertThat(build.path("status").asString()).isEqualTo("succeeded"));
    assertThat(demo.output()).doesNotContain("Created project");
  }

  @Test
  @Order(6)
  void statusShowsTheRunnerAndTheGitDaemonOfTheDemo() throws Exception {
    HangarHome.Run status = home.hangar("status");

    assertThat(status.exitCode()).as(status.output()).isZero();
    assertThat(status.output())
        .contains("runner: running (pid " + pid("runner"))
        .contains(runnerId())
        .contains("git daemon: running (pid " + pid("git-daemon"));
  }

  @Test
  @Order(90)
  void downStopsEveryProcessItStarted() throws Exception {
    List<Long> started = new ArrayList<>();
    for (String name : List.of("api-service", "dispatcher", "runner", "git-daemon")) {
      started.add(pid(name));
    }

    HangarHome.Run down = home.hangar("down");

    assertThat(down.exitCode()).as(down.output()).isZero();
    assertThat(started).noneMatch(Pids::running);
    // The Redis it started stays up, as README says; it names itself by address, not by home.
    assertThat(home.processes())
        .filteredOn(p -> !p.info().command().orElse("").endsWith("redis-server"))
        .isEmpty();
  }

  private static List<JsonNode> projectsNamed(String name, String token) {
    List<JsonNode> named = new ArrayList<>();
    api.get("/v1/projects", token).expect(200).json().forEach(named::add);
    named.removeIf(project -> !project.path("name").asString().equals(name));
    return named;
  }

  private static List<JsonNode> builds(JsonNode project, String token) {
    List<JsonNode> builds = new ArrayList<>();
    api.get("/v1/projects/" + project.path("id").asString() + "/builds", token)
        .expect(200)
        .json()
        .forEach(builds::add);
    return builds;
  }

  private static Map<String, String> stepStatuses(JsonNode build) {
    Map<String, String> statuses = new HashMap<>();
    build
        .path("steps")
        .forEach(
            step -> statuses.put(step.path("name").asString(), step.path("status").asString()));
    return statuses;
  }

  private static JsonNode onlyElement(List<JsonNode> nodes) {
    assertThat(nodes).hasSize(1);
    return nodes.getFirst();
  }

  private static Path runnerConfig() {
    return home.resolve(".hangar/runner/" + namespace.name() + "/runner.json");
  }

  private static String runnerId() throws IOException {
    return JSON.readTree(Files.readString(runnerConfig())).path("runner_id").asString();
  }

  private static long pid(String name) throws IOException {
    return home.pid(name).orElseThrow(() -> new AssertionError("no .hangar/" + name + ".pid"));
  }

  private static String hostPlatform() {
    return System.getProperty("os.name").startsWith("Mac") ? "macos" : "linux";
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asString()));
    return texts;
  }

  private static boolean redisAnswers() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), redisPort), 2_000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean onPath(String program) {
    return Stream.of(System.getenv("PATH").split(":"))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
  }
}
