package dev.hangar.api.operations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.testing.Directories;
import dev.hangar.testing.FreePorts;
import dev.hangar.testing.ShortLivedJava;
import dev.hangar.testing.TestNamespace;
import dev.hangar.testing.TestServices;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ./hangar up} in local mode as an operator runs it, where no Redis answers yet, so the
 * script starts one. It runs from a copy of the script beside the built jars: its {@code .hangar/}
 * is its own, so a Hangar started from this checkout is neither seen nor disturbed. Free ports, a
 * Redis on a port of the test's own, the shared RabbitMQ, a test namespace. Without the runner
 * {@code up} starts by default, whose jar is packaged after this module's tests: the runner's own
 * module tests {@code up} with it (HangarDemoIT).
 */
class HangarUpIT {

  private static final Path CHECKOUT = Path.of("..").toAbsolutePath().normalize();

  private static Path home;
  private static int redisPort;
  private static TestNamespace namespace;
  private static Map<String, String> environment;
  private static String output;

  @BeforeAll
  static void up() throws Exception {
    Assumptions.assumeTrue(
        onPath("redis-server") && onPath("curl"),
        "./hangar up needs redis-server and curl on PATH");
    home = Files.createTempDirectory("hangar-up-");
    copy("hangar");
    copyScripts();
    linkJar("api-service");
    linkJar("dispatcher");
    redisPort = FreePorts.next();
    namespace = TestNamespace.create(redisPort);
    environment =
        Map.ofEntries(
            Map.entry("HANGAR_MODE", "local"),
            Map.entry("HANGAR_RUNNER", "off"),
            Map.entry("HANGAR_JDK_HOME", System.getProperty("java.home")),
            // What a user of a small machine would pass: JVMs that start on less CPU.
            Map.entry("HANGAR_JAVA_OPTS", ShortLivedJava.OPTIONS),
            Map.entry("HANGAR_PORT", Integer.toString(FreePorts.next())),
            Map.entry("HANGAR_DISPATCHER_PORT", Integer.toString(FreePorts.next())),
            Map.entry("HANGAR_MANAGEMENT_PORT", Integer.toString(FreePorts.next())),
            Map.entry("HANGAR_DISPATCHER_MANAGEMENT_PORT", Integer.toString(FreePorts.next())),
            // Two JVMs booting on a machine other builds load too.
            Map.entry("HANGAR_HEALTH_TIMEOUT", "300"),
            Map.entry("HANGAR_NAMESPACE", namespace.name()),
            Map.entry("SPRING_DATA_REDIS_HOST", "127.0.0.1"),
            Map.entry("SPRING_DATA_REDIS_PORT", Integer.toString(redisPort)),
            Map.entry("SPRING_RABBITMQ_HOST", TestServices.host()),
            Map.entry("SPRING_RABBITMQ_PORT", Integer.toString(TestServices.rabbitPort())));
    Run up = hangar("up");
    output = up.output();
    assertThat(up.exitCode()).as("./hangar up exit code; it said:%n%s", output).isZero();
  }

  @AfterAll
  static void down() throws Exception {
    if (home == null) {
      return;
    }
    Run down = hangar("down");
    stopWhatDownLeft();
    if (redisAnswers()) {
      namespace.close();
      try (RedisClient client = RedisClient.create("redis://127.0.0.1:" + redisPort)) {
        // The Redis the script started for this test, on the test's own port: nobody else uses it.
        client.connect().sync().shutdown(false);
      }
    }
    Directories.deleteTree(home);
    assertThat(down.exitCode()).as("./hangar down exit code; it said:%n%s", down.output()).isZero();
  }

  @Test
  void theRedisItStartsKeepsAnAppendOnlyFileUnderItsStateDirectory() throws IOException {
    try (RedisClient client = RedisClient.create("redis://127.0.0.1:" + redisPort);
        StatefulRedisConnection<String, String> connection = client.connect()) {
      RedisCommands<String, String> redis = connection.sync();

      assertThat(redis.configGet("appendonly")).containsEntry("appendonly", "yes");
      assertThat(redis.configGet("appendfsync")).containsEntry("appendfsync", "everysec");
      assertThat(Path.of(redis.configGet("dir").get("dir")).toRealPath())
          .isEqualTo(home.resolve(".hangar/redis").toRealPath());
    }
  }

  @Test
  void itSaysWhereTheAdminPasswordIsKeptWithoutPrintingIt() throws IOException {
    String password = Files.readString(home.resolve(".hangar/admin-password")).strip();

    assertThat(output).contains(".hangar/admin-password").doesNotContain(password);
  }

  @Test
  void itsLoginCheckLeavesNoSessionBehind() {
    assertThat(output)
        .as("the check logged in (a refused or failed login is a warning)")
        .doesNotContain("warning");
    assertThat(namespace.redis().keys(namespace.name() + ":session:*")).isEmpty();
  }

  @Test
  void withTheRunnerOffItStartsNone() {
    assertThat(output).contains("Runner:      none (HANGAR_RUNNER=off)");
    assertThat(home.resolve(".hangar/runner.pid")).doesNotExist();
    assertThat(namespace.redis().keys(namespace.name() + ":runner:*")).isEmpty();
  }

  @Test
  void theServicesRunFromTheirJarsUnpackedUnderItsStateDirectory() throws IOException {
    for (String component : List.of("api-service", "dispatcher")) {
      Path unpacked = home.resolve(".hangar/app/" + component);
      long pid =
          Long.parseLong(Files.readString(home.resolve(".hangar/" + component + ".pid")).strip());

      assertThat(ProcessHandle.of(pid).flatMap(p -> p.info().commandLine()))
          .as(component + "'s command line")
          .hasValueSatisfying(
              line -> assertThat(line).contains(unpacked.resolve(component + ".jar").toString()));
      assertThat(unpacked.resolve("lib")).isDirectory();
      assertThat(unpacked.resolve("unpacked")).exists();
    }
  }

  private record Run(int exitCode, String output) {}

  private static Run hangar(String command) throws IOException, InterruptedException {
    Path log = Files.createTempFile(home, command + "-", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(home.resolve("hangar").toString(), command)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    Process process = builder.start();
    if (!process.waitFor(6, TimeUnit.MINUTES)) {
      process.destroyForcibly().waitFor();
    }
    return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  /**
   * A failed {@code down} must not leave this test's Hangar processes running: they are the pids
   * {@code up} recorded.
   */
  private static void stopWhatDownLeft() throws IOException {
    for (String component : List.of("api-service", "dispatcher")) {
      Path pidFile = home.resolve(".hangar/" + component + ".pid");
      if (Files.exists(pidFile)) {
        ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip()))
            .ifPresent(ProcessHandle::destroyForcibly);
      }
    }
  }

  private static void copy(String... files) throws IOException {
    for (String file : files) {
      Path target = home.resolve(file);
      Files.createDirectories(target.getParent());
      Files.copy(CHECKOUT.resolve(file), target);
    }
    Files.setPosixFilePermissions(
        home.resolve("hangar"), PosixFilePermissions.fromString("rwx------"));
  }

  /** Every script ./hangar sources. */
  private static void copyScripts() throws IOException {
    try (Stream<Path> scripts = Files.list(CHECKOUT.resolve("scripts"))) {
      for (Path script : (Iterable<Path>) scripts::iterator) {
        copy(CHECKOUT.relativize(script).toString());
      }
    }
  }

  /**
   * The jar where ./hangar looks for it; with no sources beside it, the script sees it as fresh and
   * builds nothing.
   */
  private static void linkJar(String module) throws IOException {
    Path jar = CHECKOUT.resolve(module + "/target/" + module + ".jar");
    assertThat(jar).as("built by the package phase").exists();
    Path link = home.resolve(module + "/target/" + module + ".jar");
    Files.createDirectories(link.getParent());
    Files.createSymbolicLink(link, jar);
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
