package dev.hangar.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * A Hangar jar running as a process of its own, as in production (started from its {@link
 * ExtractedBootJar unpacked form}, which boots faster): its settings given as command-line
 * arguments (which outrank application.yml, as environment variables do), on {@link FreePorts}, its
 * output in a log file under {@code target/hangar-processes}. Stopped with SIGTERM on close; {@link
 * #kill()} is SIGKILL, for tests of what a crash leaves behind; {@link #relaunch()} starts it again
 * where it was, for tests of what a restart does to its clients.
 */
public final class HangarProcess implements AutoCloseable {

  private static final Path LOGS = Path.of("target", "hangar-processes");

  /** Generous: on a machine busy with other builds, JVMs booting side by side can take long. */
  private static final Duration START_LIMIT = Duration.ofSeconds(180);

  private static final Duration STOP_GRACE = Duration.ofSeconds(30);
  private static final Pattern UP = Pattern.compile("\"status\"\\s*:\\s*\"UP\"");
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /**
   * Killed when the test JVM exits, so a test that failed before closing its processes leaves none
   * running.
   */
  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly)));
  }

  private final Launch launch;
  private final Process process;
  private final Path log;

  private HangarProcess(Launch launch, Process process, Path log) {
    this.launch = launch;
    this.process = process;
    this.log = log;
  }

  /**
   * What a process was started from, kept so that {@link #relaunch()} can start its successor the
   * same way; {@code life} counts the processes started from it, so each has a log of its own.
   */
  private record Launch(
      String name,
      Path jar,
      boolean archived,
      Map<String, Object> settings,
      List<String> jvmOptions,
      int port,
      int managementPort,
      int life) {

    Launch next() {
      return new Launch(name, jar, archived, settings, jvmOptions, port, managementPort, life + 1);
    }
  }

  /**
   * Starts {@code jar} with these settings and returns at once (once per build of the jar, after
   * unpacking it and training its class-data archive), so a test can start other things while it
   * boots; {@link #awaitHealthy()} waits for it. Actuator gets a port of its own, passed
   * explicitly, so the process is found healthy whether or not its application.yml separates the
   * two.
   */
  public static HangarProcess launch(String name, Path jar, Map<String, Object> settings) {
    return launch(name, jar, settings, List.of());
  }

  /** The same with options for the JVM itself, such as {@code -Xmx256m}. */
  public static HangarProcess launch(
      String name, Path jar, Map<String, Object> settings, List<String> jvmOptions) {
    return launch(name, jar, true, settings, jvmOptions);
  }

  /**
   * The same without the class-data archive, for a jar the tests start too seldom for its training
   * run to pay for itself.
   */
  public static HangarProcess launchUnarchived(
      String name, Path jar, Map<String, Object> settings) {
    return launch(name, jar, false, settings, List.of());
  }

  private static HangarProcess launch(
      String name,
      Path jar,
      boolean archived,
      Map<String, Object> settings,
      List<String> jvmOptions) {
    return start(
        new Launch(
            name,
            jar,
            archived,
            Collections.unmodifiableMap(new LinkedHashMap<>(settings)),
            List.copyOf(jvmOptions),
            FreePorts.next(),
            FreePorts.next(),
            1));
  }

  /**
   * A successor to this process, which must have ended ({@link #stop()}, {@link #kill()}): the same
   * jar and settings on the same ports, as a service restarted in place, so clients that knew this
   * one (a runner's configured URL) reach the new one. Returns at once, like {@link #launch}.
   */
  public HangarProcess relaunch() {
    if (process.isAlive()) {
      throw new IllegalStateException(this + " still runs: stop or kill it before relaunching");
    }
    return start(launch.next());
  }

  private static HangarProcess start(Launch launch) {
    Map<String, Object> arguments = new LinkedHashMap<>(launch.settings());
    arguments.put("server.port", launch.port());
    arguments.put("management.server.port", launch.managementPort());
    List<String> command = ShortLivedJava.command();
    command.addAll(launch.jvmOptions());
    List<String> settings = List.of(HangarProcesses.asArguments(arguments));
    ExtractedBootJar unpacked = ExtractedBootJar.of(launch.jar());
    command.addAll(
        launch.archived()
            ? unpacked.launchArguments(settings)
            : List.of("-jar", unpacked.launcher().toString()));
    command.addAll(settings);
    String life = launch.life() == 1 ? "" : "-" + launch.life();
    try {
      Files.createDirectories(LOGS);
      Path log = LOGS.resolve(launch.name() + "-" + launch.port() + life + ".log");
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      RUNNING.add(process);
      return new HangarProcess(launch, process, log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + launch.name(), e);
    }
  }

  /**
   * Waits until {@code /actuator/health} says UP; if the process exits or takes too long, kills it
   * and fails with its log's end.
   */
  public HangarProcess awaitHealthy() {
    try {
      await()
          .atMost(START_LIMIT)
          .pollInterval(Duration.ofMillis(200))
          .failFast(launch.name() + " exited during start-up", () -> !process.isAlive())
          .until(this::healthy);
      return this;
    } catch (ConditionTimeoutException | TerminalFailureException e) {
      kill();
      throw new IllegalStateException(
          e.getMessage() + "; the end of " + log + ":\n" + logTail(40), e);
    }
  }

  /** Where the application serves (its {@code server.port}). */
  public String baseUrl() {
    return "http://127.0.0.1:" + launch.port();
  }

  /** Everything the process has written to its log so far. */
  public String output() {
    try {
      // Decoded leniently: a stray byte must not hide the rest of the log.
      return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + log, e);
    }
  }

  /**
   * The value of a sample in the process's {@code /actuator/prometheus} answer, e.g. {@code
   * metric("hangar_dead_letters_total", Map.of("outcome", "stale"))}; fails when there is none.
   */
  public double metric(String name, Map<String, String> labels) {
    return PrometheusSample.valueOf(
        samples(), name, labels, launch.name() + "'s /actuator/prometheus");
  }

  /** Every sample of the process's {@code /actuator/prometheus} answer. */
  public List<PrometheusSample> samples() {
    return PrometheusSample.parse(actuator("prometheus").body());
  }

  /**
   * SIGTERM, as an operator or a container runtime stops it; SIGKILL if it has not ended after a
   * grace period.
   */
  public void stop() {
    process.destroy();
    try {
      if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        kill();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill();
    }
    RUNNING.remove(process);
  }

  /** SIGKILL: the process ends at once, as in a crash, with no shutdown of its own. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    RUNNING.remove(process);
  }

  @Override
  public void close() {
    stop();
  }

  @Override
  public String toString() {
    return launch.name() + " (pid " + process.pid() + ", " + baseUrl() + ")";
  }

  private boolean healthy() {
    try {
      HttpResponse<String> health = actuator("health");
      return health.statusCode() == 200 && UP.matcher(health.body()).find();
    } catch (UncheckedIOException notListeningYet) {
      return false;
    }
  }

  private HttpResponse<String> actuator(String endpoint) {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + launch.managementPort() + "/actuator/" + endpoint))
            .timeout(Duration.ofSeconds(10))
            .build();
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private String logTail(int lines) {
    List<String> all = output().lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }
}
