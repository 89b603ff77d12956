package dev.hangar.bench;

import dev.hangar.bench.HangarClient.Instance;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The Hangar processes under test, the real jars started as an operator would start them
 * (environment variables only), all in the bench namespace, and the bare claim servers measured
 * beside them. They are started together, so the JVMs boot in parallel, and stopped together at the
 * end.
 */
final class HangarStack {

  static final Duration HEALTH_LIMIT = Duration.ofSeconds(180);
  private static final Duration STOP_GRACE = Duration.ofSeconds(20);

  /** The programs the bench starts. */
  enum Program {
    DISPATCHER,
    API_SERVICE,
    /**
     * Not Hangar: the floor's claim behind Spring MVC ({@link BareClaimServer}), from the bench's
     * own jar.
     */
    BARE_CLAIM_SERVER
  }

  /**
   * What to start: a name, which program, the settings (environment variables) and JVM flags of its
   * own.
   */
  record Launch(
      String name, Program program, Map<String, String> settings, List<String> jvmOptions) {

    static Launch hangar(
        String name, Program program, Duration leaseTtl, Duration heartbeatInterval) {
      return new Launch(
          name,
          program,
          Map.of(
              "HANGAR_LEASE_TTL",
              leaseTtl.toMillis() + "ms",
              "HANGAR_HEARTBEAT_INTERVAL",
              heartbeatInterval.toSeconds() + "s"),
          List.of());
    }

    static Launch bareClaimServer(String name) {
      return new Launch(name, Program.BARE_CLAIM_SERVER, Map.of(), List.of());
    }

    /** The same with more settings and JVM flags. */
    Launch with(Map<String, String> more, List<String> flags) {
      Map<String, String> all = new HashMap<>(settings);
      all.putAll(more);
      List<String> options = new ArrayList<>(jvmOptions);
      options.addAll(flags);
      return new Launch(name, program, all, options);
    }
  }

  private final Path root;
  private final Namespace namespace;
  private final Services services;
  private final Path logDir;
  private final List<String> javaOptions;
  private final Api api;
  private final String adminPassword = randomText(18);
  private final String secretsKey = randomText(32);
  private final List<ServiceProcess> started = new CopyOnWriteArrayList<>();

  HangarStack(
      Path root,
      Namespace namespace,
      Services services,
      Path logDir,
      List<String> javaOptions,
      Api api) {
    this.root = root;
    this.namespace = namespace;
    this.services = services;
    this.logDir = logDir;
    this.javaOptions = javaOptions;
    this.api = api;
  }

  String adminPassword() {
    return adminPassword;
  }

  /** Starts every process at once and returns them, in order, once all are healthy. */
  List<ServiceProcess> start(List<Launch> launches) {
    List<ServiceProcess> processes = new ArrayList<>();
    for (Launch launch : launches) {
      processes.add(launch(launch));
    }
    List<RuntimeException> failures = new CopyOnWriteArrayList<>();
    Parallel.run(
        processes.size(),
        i -> {
          try {
            processes.get(i).awaitHealthy(api, HEALTH_LIMIT);
          } catch (RuntimeException e) {
            failures.add(e);
          }
        });
    if (!failures.isEmpty()) {
      throw failures.getFirst();
    }
    return processes;
  }

  static Instance instance(ServiceProcess process) {
    return new Instance(process.name(), process.baseUrl(), process);
  }

  /**
   * Fails if a Hangar process has ended on its own: every figure after that would measure a broken
   * system (a dead dispatcher, for one, requeues nothing), so the run stops and says which and why.
   */
  void requireAllRunning(String phase) {
    for (ServiceProcess p : started) {
      if (p.exitCode().isPresent()) {
        throw new IllegalStateException(
            p.name()
                + " exited with code "
                + p.exitCode().getAsInt()
                + " by the end of "
                + phase
                + "; the end of "
                + p.log()
                + ":\n"
                + p.logTail(15));
      }
    }
  }

  /** Stops everything, gracefully (SIGTERM, then SIGKILL after a grace period). */
  void stopAll() {
    List<ServiceProcess> all = List.copyOf(started);
    Parallel.run(all.size(), i -> all.get(i).stop(STOP_GRACE));
  }

  /** For the shutdown hook: no time for grace. */
  void killAll() {
    started.forEach(ServiceProcess::kill);
  }

  /** Every process this stack started: their logs are read at the end. */
  List<ServiceProcess> processes() {
    return List.copyOf(started);
  }

  private ServiceProcess launch(Launch launch) {
    Map<String, String> env = new HashMap<>(services.environment());
    env.put("HANGAR_NAMESPACE", namespace.name());
    List<String> program =
        switch (launch.program()) {
          case DISPATCHER -> ServiceProcess.jar(root.resolve("dispatcher/target/dispatcher.jar"));
          case API_SERVICE ->
              ServiceProcess.jar(root.resolve("api-service/target/api-service.jar"));
          case BARE_CLAIM_SERVER ->
              ServiceProcess.mainClass(
                  root.resolve("bench/target/bench.jar"), BareClaimServer.class);
        };
    if (launch.program() != Program.BARE_CLAIM_SERVER) {
      // Finished builds' logs (figure 6) go under bench/target, a directory per namespace.
      env.put("HANGAR_DATA_DIR", dataDir().toString());
      env.put("HANGAR_ADMIN_PASSWORD", adminPassword);
      // Not read by this version of api-service; a later one may require it, and setting it is
      // harmless.
      env.put("HANGAR_SECRETS_KEY", secretsKey);
    }
    env.putAll(launch.settings());
    List<String> options = new ArrayList<>(javaOptions);
    options.addAll(launch.jvmOptions());
    ServiceProcess process = ServiceProcess.start(launch.name(), program, options, env, logDir);
    started.add(process);
    return process;
  }

  /** Where the Hangar processes archive finished builds' logs. */
  Path dataDir() {
    return root.resolve("bench/target/bench-data");
  }

  private static String randomText(int bytes) {
    byte[] b = new byte[bytes];
    new SecureRandom().nextBytes(b);
    return Base64.getEncoder().encodeToString(b);
  }
}
