package dev.hangar.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Hangar jar (or the bench's {@link BareClaimServer}) running as a child process on a free
 * port, its output in a log file: started, waited on until {@code /readyz} says UP, sampled for
 * RSS, stopped.
 */
final class ServiceProcess {

  private static final Pattern UP = Pattern.compile("\"status\"\\s*:\\s*\"UP\"");
  private static final Pattern LEVEL = Pattern.compile("\\s(WARN|ERROR)\\s");

  private final String name;
  private final Process process;
  private final int port;
  private final Path log;

  private ServiceProcess(String name, Process process, int port, Path log) {
    this.name = name;
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** {@code -jar jar}, for {@link #start}; fails at once if the jar has not been built. */
  static List<String> jar(Path jar) {
    requireBuilt(jar);
    return List.of("-jar", jar.toString());
  }

  /**
   * Another main class in a Spring Boot jar (its {@code PropertiesLauncher}), for {@link #start}.
   */
  static List<String> mainClass(Path jar, Class<?> main) {
    requireBuilt(jar);
    return List.of(
        "-cp",
        jar.toString(),
        "-Dloader.main=" + main.getName(),
        "org.springframework.boot.loader.launch.PropertiesLauncher");
  }

  /**
   * Starts {@code java [javaOptions] <launch>} with SERVER_PORT set to a free port and {@code env}
   * added. The management port (/actuator) is any free one unless {@code env} names one (where the
   * bench reads a process's heap): the default would collide between its instances and with a
   * Hangar running on this machine.
   */
  static ServiceProcess start(
      String name,
      List<String> launch,
      List<String> javaOptions,
      Map<String, String> env,
      Path logDir) {
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(javaOptions);
    command.addAll(launch);
    Path log = logDir.resolve(name + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> all = new LinkedHashMap<>(env);
    all.put("SERVER_PORT", Integer.toString(port));
    all.putIfAbsent("MANAGEMENT_SERVER_PORT", "0");
    builder.environment().putAll(all);
    try {
      Files.createDirectories(logDir);
      return new ServiceProcess(name, builder.start(), port, log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  private static void requireBuilt(Path jar) {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "missing " + jar + ": build the jars first (./mvnw -B -DskipTests package)");
    }
  }

  String name() {
    return name;
  }

  long pid() {
    return process.pid();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  Path log() {
    return log;
  }

  /**
   * Waits until the main port's readiness probe is UP, as a load balancer would before sending
   * traffic; fails with the end of the log if the process exits or the time runs out.
   */
  void awaitHealthy(Api api, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name + " exited during start-up (exit " + process.exitValue() + "):\n" + logTail(30));
      }
      Api.Reply reply = api.get(baseUrl() + "/readyz", null, Duration.ofSeconds(3));
      if (reply.status() == 200 && UP.matcher(reply.body()).find()) {
        return;
      }
      Parallel.sleep(200);
    }
    throw new IllegalStateException(
        name + " not healthy after " + limit.toSeconds() + "s:\n" + logTail(30));
  }

  /** Empty while the process runs; its exit code once it has ended. */
  OptionalInt exitCode() {
    return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
  }

  /** Resident set size from /proc, while the process lives. */
  OptionalLong rssKib() {
    try {
      for (String line :
          Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")));
        }
      }
    } catch (IOException | RuntimeException gone) {
      // the process ended, or /proc is not there (not Linux): no sample
    }
    return OptionalLong.empty();
  }

  /** SIGTERM (Spring shuts down gracefully), then SIGKILL after {@code grace}. */
  void stop(Duration grace) {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** Kill at once: for the shutdown hook, when the user pressed Ctrl-C. */
  void kill() {
    process.destroyForcibly();
  }

  String logTail(int lines) {
    List<String> all = logLines();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  /**
   * WARN and ERROR lines of the log, by message with the variable parts (ids, numbers) blurred,
   * with counts.
   */
  Map<String, Integer> warnings() {
    Map<String, Integer> byMessage = new LinkedHashMap<>();
    for (String line : logLines()) {
      Matcher m = LEVEL.matcher(line);
      if (m.find()) {
        String message =
            line.substring(m.start())
                .replaceAll("(build|runner|proj|pipe|user)_[A-Za-z0-9]+", "$1_…")
                .replaceAll("\\d+", "N");
        byMessage.merge(
            message.length() > 240 ? message.substring(0, 240) + "…" : message, 1, Integer::sum);
      }
    }
    return byMessage;
  }

  private List<String> logLines() {
    try {
      // Decoded leniently: a stray byte in a log must not hide the rest of it.
      return new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    }
  }
}
