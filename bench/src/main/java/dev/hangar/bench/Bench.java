package dev.hangar.bench;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import dev.hangar.bench.Api.Reply;
import dev.hangar.bench.HangarClient.Instance;
import dev.hangar.bench.HangarClient.Pipeline;
import dev.hangar.bench.HangarClient.Runner;
import dev.hangar.bench.ResultTable.Verdict;
import io.lettuce.core.KeyScanArgs;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Hangar benchmark: {@code ./hangar bench --quick | --full}. Starts a dispatcher and two
 * api-service instances from the built jars in a fresh namespace on the local RabbitMQ and Redis,
 * measures each figure of BENCHMARKS.md next to its baseline in the same run, prints one table
 * (also written to {@code bench/target/bench-result.md}), then stops the processes and deletes the
 * namespace.
 */
public final class Bench {

  /**
   * Leases on the main instances outlast the run: builds the throughput and scale phases claim are
   * never finished (finishing is not part of a claim) and must not come back as requeues mid-run.
   */
  private static final Duration LONG_LEASE = Duration.ofHours(1);

  private static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(15);
  private static final Duration SHORT_LEASE_HEARTBEAT = Duration.ofSeconds(1);
  private static final int INSTANCES = 2;

  private final Mode mode;
  private final Path root;
  private final List<String> javaOptions;
  private final Duration drainLimit;
  private final Namespace namespace = Namespace.fresh();
  private final Api api = new Api();
  private final Problems problems = new Problems();
  private final HangarClient hangar = new HangarClient(api, problems);
  private final ResultTable table;
  private final List<String> notes = new ArrayList<>();
  private final AtomicBoolean cleanedUp = new AtomicBoolean();
  private Services services;
  private HangarStack stack;
  private RssSampler rss;
  private CpuMeter cpu;
  private BrokerFloor floor;
  private RunnerPool throughputRunners;
  private final List<String> deepSeeded = new ArrayList<>();

  private Bench(Mode mode, Path root, List<String> javaOptions) {
    this.mode = mode;
    this.root = root;
    this.javaOptions = javaOptions;
    this.drainLimit = mode == Mode.FULL ? Duration.ofMinutes(5) : Duration.ofSeconds(90);
    this.table = new ResultTable(mode == Mode.FULL);
  }

  public static void main(String[] args) {
    Mode mode = Mode.QUICK;
    Path root = Path.of("").toAbsolutePath();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> mode = Mode.QUICK;
        case "--full" -> mode = Mode.FULL;
        case "--root" -> root = Path.of(args[++i]).toAbsolutePath();
        case "-h", "--help" -> {
          Console.result(usage());
          return;
        }
        default -> {
          System.err.print("unknown argument " + args[i] + "\n" + usage());
          System.exit(2);
        }
      }
    }
    String opts = System.getenv("HANGAR_JAVA_OPTS");
    List<String> javaOptions =
        opts == null || opts.isBlank() ? List.of() : Arrays.asList(opts.trim().split("\\s+"));
    System.exit(new Bench(mode, root, javaOptions).run());
  }

  private static String usage() {
    return """
        usage: bench [--quick | --full] [--root <hangar checkout>]
          --quick  fewer builds and shorter windows, a few minutes on 2 cores (default)
          --full   the counts BENCHMARKS.md states (100k queued builds, 2,000 expiries, ...)
          --root   where api-service/target and dispatcher/target are (default: the current directory)
        Environment: SPRING_RABBITMQ_*, SPRING_DATA_REDIS_* (default 127.0.0.1), HANGAR_QUEUE_TYPE,
        HANGAR_JAVA_OPTS (JVM flags for the Hangar processes and the bare claim servers).
        """;
  }

  private int run() {
    String loadBefore = Machine.loadAverage();
    Thread hook = new Thread(this::emergencyCleanUp, "bench-cleanup");
    Machine machine = null;
    try {
      services = new Services();
      machine = Machine.describe(services);
      Path logDir = root.resolve("bench/target/bench-logs/" + namespace.name());
      stack = new HangarStack(root, namespace, services, logDir, javaOptions, api);
      rss = new RssSampler();
      cpu = new CpuMeter();
      Runtime.getRuntime().addShutdownHook(hook);
      Console.progress(
          "mode %s, namespace %s, logs in %s",
          mode.name(), namespace.name(), root.relativize(logDir));

      Setup setup = setUp();
      warmUp(setup);
      stack.requireAllRunning("the warm-up");
      throughput(setup);
      stack.requireAllRunning("the throughput figure");
      dispatch(setup);
      stack.requireAllRunning("the dispatch figure");
      heartbeats(setup);
      stack.requireAllRunning("the heartbeat figure");
      classes(setup);
      stack.requireAllRunning("the classes figure");
      depthAndMemory(setup);
      stack.requireAllRunning("the depth figure");
      requeue(setup);
      stack.requireAllRunning("the requeue figure");
      logs(setup);
      stack.requireAllRunning("the log figures");
      artifacts(setup);
      stack.requireAllRunning("the artifact figure");
      memoryOfProcesses();
      return 0;
    } catch (Exception | Error e) {
      Console.progress("bench failed: %s", e);
      e.printStackTrace();
      note("failure", "the run stopped early: " + e);
      return 1;
    } finally {
      tearDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException alreadyShuttingDown) {
        // the hook runs anyway and finds the work done
      }
      if (machine != null) {
        writeResult(machine, loadBefore);
      }
    }
  }

  /**
   * The table to stdout, the table with machine, notes and anomalies to
   * bench/target/bench-result.md; also what a failed run got.
   */
  private void writeResult(Machine machine, String loadBefore) {
    Console.result("\n" + table.markdown() + "\n");
    Path result = root.resolve("bench/target/bench-result.md");
    try {
      Files.createDirectories(result.getParent());
      Files.writeString(result, report(machine, loadBefore, Machine.loadAverage()));
      Console.progress(
          "done in %.0f s; table and details in %s",
          Console.elapsedSeconds(), root.relativize(result));
    } catch (java.io.IOException e) {
      Console.progress("could not write %s: %s", result, e);
    }
  }

  // --- set-up
  // -------------------------------------------------------------------------------------

  /**
   * Everything the phases share: the two main instances, the short-lease instance, the bare claim
   * servers, a user session, and one pipeline (capability class) per phase.
   */
  private record Setup(
      List<Instance> apis,
      Instance shortLease,
      Instance followed,
      int followedManagementPort,
      List<String> bareServers,
      String user,
      Pipeline throughput,
      Pipeline dispatch,
      Pipeline oneClass,
      List<Pipeline> manyClasses,
      Pipeline shallow,
      Pipeline deep,
      String deepProject,
      Pipeline requeue,
      Pipeline logs,
      Pipeline follow,
      Pipeline artifacts) {}

  private Setup setUp() {
    Duration shortLease = RequeueLatency.leaseTtl(mode.requeueExpiries());
    Console.progress(
        "starting a dispatcher, %d api-service instances, one with HANGAR_LEASE_TTL=%dms for the requeue figure and %d bare claim servers ...",
        INSTANCES, shortLease.toMillis(), INSTANCES);
    List<HangarStack.Launch> launches = new ArrayList<>();
    launches.add(
        HangarStack.Launch.hangar(
            "dispatcher", HangarStack.Program.DISPATCHER, LONG_LEASE, DEFAULT_HEARTBEAT));
    for (int i = 1; i <= INSTANCES; i++) {
      launches.add(
          HangarStack.Launch.hangar(
              "api-" + i, HangarStack.Program.API_SERVICE, LONG_LEASE, DEFAULT_HEARTBEAT));
    }
    // The requeue figure needs leases that lapse within seconds; the lease length is the claiming
    // instance's setting, so one more instance hands out only those (and otherwise idles).
    launches.add(
        HangarStack.Launch.hangar(
            "api-short-lease", HangarStack.Program.API_SERVICE, shortLease, SHORT_LEASE_HEARTBEAT));
    // Figure 6's followers connect to an instance of their own whose heap is capped at 512 MB; its
    // heap is read from its metrics, so its management port is known.
    int followedManagementPort = ServiceProcess.freePort();
    launches.add(
        HangarStack.Launch.hangar(
                "api-followers", HangarStack.Program.API_SERVICE, LONG_LEASE, DEFAULT_HEARTBEAT)
            .with(
                Map.of("MANAGEMENT_SERVER_PORT", Integer.toString(followedManagementPort)),
                List.of("-Xmx512m")));
    int hangarCount = launches.size();
    for (int i = 1; i <= INSTANCES; i++) {
      launches.add(HangarStack.Launch.bareClaimServer("bare-" + i));
    }
    List<ServiceProcess> processes = stack.start(launches);
    List<ServiceProcess> hangarProcesses = processes.subList(0, hangarCount);
    List<ServiceProcess> bare = processes.subList(hangarCount, processes.size());
    hangarProcesses.forEach(rss::track);
    processes.forEach(p -> cpu.watch(p.name(), p.pid()));
    Console.progress("  all healthy");
    List<Instance> apis =
        hangarProcesses.subList(1, 1 + INSTANCES).stream().map(HangarStack::instance).toList();
    Instance shortLeaseInstance = HangarStack.instance(hangarProcesses.get(1 + INSTANCES));
    Instance followedInstance = HangarStack.instance(hangarProcesses.getLast());
    Instance first = apis.getFirst();
    String user = hangar.login(first, stack.adminPassword());
    String project = hangar.createProject(first, user, "bench");
    // The deep queue's builds get a project of their own, so its build index holds only them.
    String deepProject = hangar.createProject(first, user, "bench-deep");
    // Every pipeline carries a label of its own phase, so no phase's runners can take another's
    // builds.
    Pipeline throughput =
        hangar.createPipeline(first, user, project, "throughput", List.of("tp"), Map.of());
    Pipeline dispatch =
        hangar.createPipeline(first, user, project, "dispatch", List.of("dl"), Map.of());
    Pipeline oneClass =
        hangar.createPipeline(first, user, project, "one-class", List.of("one"), Map.of());
    Pipeline[] many = new Pipeline[Mode.CLASSES];
    Parallel.forEachIndex(
        Mode.CLASSES,
        8,
        i ->
            // Labels are capped at 16, so the classes differ by a minimum tool version instead.
            many[i] =
                hangar.createPipeline(
                    apis.get(i % apis.size()),
                    user,
                    project,
                    "class-" + (i + 1),
                    List.of("cls"),
                    Map.of("flutter", "3." + (i + 1))));
    Pipeline shallow =
        hangar.createPipeline(first, user, project, "shallow", List.of("shallow"), Map.of());
    Pipeline deep =
        hangar.createPipeline(first, user, deepProject, "deep", List.of("deep"), Map.of());
    Pipeline requeue =
        hangar.createPipeline(first, user, project, "requeue", List.of("rq"), Map.of());
    Pipeline logs = hangar.createPipeline(first, user, project, "logs", List.of("logs"), Map.of());
    Pipeline follow =
        hangar.createPipeline(first, user, project, "follow", List.of("follow"), Map.of());
    Pipeline artifacts =
        hangar.createPipeline(first, user, project, "artifacts", List.of("art"), Map.of());
    // An instance learns of classes made elsewhere within a second (its class registry refreshes).
    Parallel.sleep(1_200);
    List<String> bareServers = bare.stream().map(ServiceProcess::baseUrl).toList();
    return new Setup(
        apis,
        shortLeaseInstance,
        followedInstance,
        followedManagementPort,
        bareServers,
        user,
        throughput,
        dispatch,
        oneClass,
        List.of(many),
        shallow,
        deep,
        deepProject,
        requeue,
        logs,
        follow,
        artifacts);
  }

  private static Map<String, Object> caps(String label, int capacity) {
    return HangarClient.capabilities(List.of(label), Map.of(), capacity);
  }

  private RunnerPool pool(Setup s, String label, Map<String, Object> capabilities) {
    return new RunnerPool(hangar, s.apis().getFirst(), s.user(), label, capabilities);
  }

  // --- 1. claim throughput
  // ---------------------------------------------------------------------------

  private void warmUp(Setup s) throws Exception {
    phase("warm-up");
    Console.progress(
        "warm-up: batches of %,d builds queued and claimed over REST and %,d each through the floor and the bare claim path, until a batch is less than %.0f %% faster than the one before (at most %d)",
        mode.warmupBuilds(), mode.warmupBuilds(), Mode.WARM * 100, mode.warmupBatches());
    floor = new BrokerFloor(services, namespace, cpu);
    throughputRunners = pool(s, "tp", caps("tp", HangarClient.MAX_CAPACITY));
    double previous = 0;
    for (int batch = 1; batch <= mode.warmupBatches(); batch++) {
      floor.run(1, mode.clients(), mode.warmupBuilds(), drainLimit, 0);
      floor.overHttp(api, s.bareServers(), mode.clients(), mode.warmupBuilds(), drainLimit);
      double rate =
          restRound(
                  s,
                  s.apis(),
                  throughputRunners,
                  List.of(s.throughput()),
                  mode.warmupBuilds(),
                  "warm-up")
              .rate();
      if (rate < previous * (1 + Mode.WARM)) {
        note("warm-up", String.format("steady after %d batches", batch));
        return;
      }
      previous = rate;
    }
    if (mode.warmupBatches() > 1) {
      note("warm-up", String.format("still speeding up after %d batches", mode.warmupBatches()));
    }
  }

  private void throughput(Setup s) throws Exception {
    int clients = mode.clients();
    int claims = mode.perRound(mode.throughputClaims());
    for (int n = 1; n <= INSTANCES; n++) {
      phase("throughput");
      int instances = n;
      List<Instance> using = s.apis().subList(0, n);
      List<String> bareServers = s.bareServers().subList(0, n);
      Console.progress(
          "claim throughput with %d instance(s): %d round(s) of %,d claims through the broker floor, the bare claim path and REST ...",
          n, mode.rounds(), claims);
      double[][] rates =
          Rounds.rotate(
              mode.rounds(),
              () -> floorRound(instances, claims, 0),
              () -> bareRound(bareServers, claims),
              () ->
                  restRound(
                          s,
                          using,
                          throughputRunners,
                          List.of(s.throughput()),
                          claims,
                          "throughput")
                      .rate());
      Rounds.Comparison rest = new Rounds.Comparison(rates[0], rates[2]);
      Rounds.Comparison bare = new Rounds.Comparison(rates[0], rates[1]);
      Rounds.Comparison restToBare = new Rounds.Comparison(rates[1], rates[2]);
      String jvms = n + " JVM" + (n > 1 ? "s" : "") + ", " + clients + " clients";
      table.add(
          "1. Claim throughput, REST, "
              + n
              + " api-service"
              + (n > 1 ? "s" : "")
              + ", "
              + clients
              + " clients",
          String.format(
              "%,.0f claims/s = %.2f× floor%s",
              rest.candidateMedian(), rest.ratio(), roundsNote(rest)),
          String.format(
              "floor %,.0f claims/s (basic.get + claim.lua + ack, %d threads, %d connection pair%s, no HTTP); target ≥ 0.6× floor",
              rest.baselineMedian(), clients, n, n > 1 ? "s" : ""),
          Verdict.of(rest.ratio() >= 0.6));
      table.add(
          "1. Claim throughput, bare claim path (the floor's claim behind one Spring MVC endpoint, no Hangar), "
              + jvms,
          String.format(
              "%,.0f claims/s = %.2f× floor%s; REST = %.2f× the bare path%s",
              bare.candidateMedian(),
              bare.ratio(),
              roundsNote(bare),
              restToBare.ratio(),
              roundsNote(restToBare)),
          "no target: what HTTP and Spring MVC alone cost here",
          Verdict.INFO);
      // RabbitMQ's CPU per claim grows as claims come slower (quorum queues pay per wake-up, not
      // per message): the floor held to REST's rate shows how much of REST's broker cost is the
      // rate alone.
      floorRound(instances, claims, rest.candidateMedian());
    }
  }

  /** One run of the floor's claims through the bare claim servers. */
  private double bareRound(List<String> servers, int claims) throws Exception {
    return report(
        String.format("bare claim path, %d server(s)", servers.size()),
        floor.overHttp(api, servers, mode.clients(), claims, drainLimit));
  }

  /**
   * One floor run, as fast as it goes or, when {@code pace} is above 0, held to that many claims/s.
   */
  private double floorRound(int connections, int claims, double pace) throws Exception {
    String what = pace > 0 ? String.format("floor held to REST's %,.0f claims/s", pace) : "floor";
    return report(
        String.format("%s, %d connection pair(s)", what, connections),
        floor.run(connections, mode.clients(), claims, drainLimit, pace));
  }

  /** Notes and prints a floor run's rate and CPU, and returns the rate. */
  private double report(String what, BrokerFloor.Result r) {
    note(
        "throughput",
        String.format(
            "%s: %,.0f claims/s; %s",
            what, r.rate(), claimCpu(r.claimingBegan(), r.claimingEnded(), r.claimed())));
    Console.progress(
        "  %s: %,.0f claims/s (%,d claims%s)",
        what, r.rate(), r.claimed(), r.failures() > 0 ? ", " + r.failures() + " not claimed" : "");
    return r.rate();
  }

  /**
   * What the CPUs did over a claim measurement: each process's share of the cores, and its time per
   * claim.
   */
  private static String claimCpu(CpuMeter.Sample from, CpuMeter.Sample to, long claims) {
    return "CPU "
        + CpuMeter.between(from, to)
        + "; CPU per claim "
        + CpuMeter.perOperation(from, to, claims);
  }

  /** With more than one round, each round's ratio, so the spread shows. */
  private static String roundsNote(Rounds.Comparison c) {
    return c.baseline().length > 1 ? " (median of rounds: " + c.ratios() + ")" : "";
  }

  /**
   * Queues {@code count} builds over HTTP (not timed), then claims them all with the mode's clients
   * and returns the drain's figures.
   */
  private ClaimDrain.Result restRound(
      Setup s,
      List<Instance> using,
      RunnerPool runners,
      List<Pipeline> pipelines,
      int count,
      String what) {
    long connections = services.redisConnectionsReceived();
    Seeder.Seeded seeded =
        Seeder.seed(
            hangar,
            s.apis(),
            s.user(),
            pipelines.stream().map(Pipeline::id).toList(),
            count,
            "normal");
    note(
        what,
        String.format(
            "queued %,d builds over HTTP in %.1f s (%,.0f/s, %d clients); Redis accepted %.1f new connections per build meanwhile",
            seeded.ids().size(),
            seeded.seconds(),
            seeded.rate(),
            Seeder.CONCURRENCY,
            (services.redisConnectionsReceived() - connections)
                / (double) Math.max(1, seeded.ids().size())));
    return timedDrain(using, runners, seeded.ids().size(), what);
  }

  /** Times claiming {@code count} builds already queued, and notes what the CPUs did meanwhile. */
  private ClaimDrain.Result timedDrain(
      List<Instance> using, RunnerPool runners, int count, String what) {
    runners.prepareFor(count, mode.clients());
    CpuMeter.Sample before = cpu.sample();
    ClaimDrain.Result result =
        ClaimDrain.run(hangar, using, runners, mode.clients(), count, drainLimit);
    note(
        what,
        String.format(
            "claims over REST on %d instance(s): %,.0f claims/s; %s",
            using.size(), result.rate(), claimCpu(before, cpu.sample(), result.claimed())));
    Console.progress(
        "  %s over REST (%d instance(s)): %,.0f claims/s (%,d claims in %.1f s, %,d empty answers)",
        what,
        using.size(),
        result.rate(),
        result.claimed(),
        result.seconds(),
        result.emptyAnswers());
    if (result.claimed() < count) {
      note(
          what,
          String.format(
              "only %,d of %,d queued builds could be claimed within %d s",
              result.claimed(), count, drainLimit.toSeconds()));
    }
    return result;
  }

  // --- 2. dispatch latency
  // ---------------------------------------------------------------------------

  private void dispatch(Setup s) {
    phase("dispatch");
    int perInstance = DispatchLatency.RUNNERS_PER_INSTANCE;
    List<Runner> runners =
        hangar.registerMany(
            s.apis(), s.user(), "dl", perInstance * s.apis().size(), caps("dl", 1), 16);
    Console.progress(
        "dispatch latency: %,d builds to %d runners waiting in long-poll ...",
        mode.dispatchBuilds(), runners.size());
    CpuMeter.Sample before = cpu.sample();
    DispatchLatency.Result r =
        DispatchLatency.run(
            hangar, s.apis(), s.user(), s.dispatch().id(), runners, mode.dispatchBuilds());
    note("dispatch", "CPU " + CpuMeter.between(before, cpu.sample()));
    Stats.Summary l = r.latencies();
    Stats.Summary whole = r.fromRequest();
    Console.progress("  p50 %.1f ms, p99 %.1f ms, max %.1f ms", l.p50(), l.p99(), l.max());
    String polling =
        String.format(
            "interval polling, one runner: every 3 s p50 %,.0f / p99 %,.0f / max %,.0f ms; every 5 s p50 %,.0f / p99 %,.0f / max %,.0f ms",
            Stats.intervalPollingMillis(Duration.ofSeconds(3), 50),
            Stats.intervalPollingMillis(Duration.ofSeconds(3), 99),
            Stats.intervalPollingMillis(Duration.ofSeconds(3), 100),
            Stats.intervalPollingMillis(Duration.ofSeconds(5), 50),
            Stats.intervalPollingMillis(Duration.ofSeconds(5), 99),
            Stats.intervalPollingMillis(Duration.ofSeconds(5), 100));
    table.add(
        "2. Dispatch latency, 201 of POST build → claim answer at an idle long-polling runner",
        String.format(
            "p50 %.1f ms, p99 %.1f ms, max %.1f ms; %.1f %% within 25 ms (%,d builds, %d runners on %d instances%s)",
            l.p50(),
            l.p99(),
            l.max(),
            100 * l.shareAtMost(25),
            l.count(),
            r.runners(),
            s.apis().size(),
            r.missed() > 0 ? ", " + r.missed() + " not handed out within 5 s" : ""),
        "target p99 ≤ 25 ms; " + polling,
        Verdict.of(l.p99() <= 25 && r.missed() == 0));
    note(
        "dispatch",
        String.format(
            "%,d of %,d claim answers reached the runner before the 201 reached the user (counted as 0 ms); "
                + "from sending the POST to the claim answer: p50 %.1f ms, p99 %.1f ms, max %.1f ms",
            r.overtook(), l.count(), whole.p50(), whole.p99(), whole.max()));
  }

  // --- 4. heartbeats
  // ---------------------------------------------------------------------------------

  private void heartbeats(Setup s) {
    phase("heartbeats");
    List<Runner> registered = new ArrayList<>();
    for (int target : Mode.HEARTBEAT_RUNNERS) {
      long start = System.nanoTime();
      int more = target - registered.size();
      registered.addAll(
          hangar.registerMany(
              s.apis(), s.user(), "hb" + registered.size(), more, caps("hb", 1), 32));
      double seconds = (System.nanoTime() - start) / 1e9;
      note(
          "heartbeats",
          String.format(
              "registered %,d runners over HTTP in %.1f s (%,.0f/s)",
              more, seconds, more / seconds));
      Console.progress(
          "heartbeats at %,d registered runners, %d clients, %d s ...",
          registered.size(), Mode.HEARTBEAT_CLIENTS, mode.heartbeatWindow().toSeconds());
      CpuMeter.Sample before = cpu.sample();
      HeartbeatRate.Result r =
          HeartbeatRate.run(
              hangar,
              s.apis(),
              registered,
              registered.size(),
              Mode.HEARTBEAT_CLIENTS,
              mode.heartbeatWindow());
      note(
          "heartbeats",
          String.format(
              "%,d runners: CPU %s", registered.size(), CpuMeter.between(before, cpu.sample())));
      Console.progress("  %,.0f heartbeats/s", r.rate());
      table.add(
          String.format("4. Heartbeats/s, %,d registered runners", r.runners()),
          String.format(
              "%,.0f/s (%d clients over %d instances, %d s%s)",
              r.rate(),
              Mode.HEARTBEAT_CLIENTS,
              s.apis().size(),
              mode.heartbeatWindow().toSeconds(),
              r.failed() > 0 ? ", " + r.failed() + " failed" : ""),
          "target ≥ 5,000/s",
          Verdict.of(r.rate() >= 5_000 && r.failed() == 0));
    }
  }

  // --- 5. scale
  // ---------------------------------------------------------------------------------------

  private void classes(Setup s) throws Exception {
    phase("scale-classes");
    int claims = mode.perRound(mode.classClaims());
    Console.progress(
        "claims with 1 capability class vs %d: %d round(s) of %,d claims ...",
        Mode.CLASSES, mode.rounds(), claims);
    RunnerPool oneRunners = pool(s, "one", caps("one", HangarClient.MAX_CAPACITY));
    RunnerPool manyRunners =
        pool(
            s,
            "cls",
            HangarClient.capabilities(
                List.of("cls"), Map.of("flutter", "3.99"), HangarClient.MAX_CAPACITY));
    Rounds.Comparison c =
        Rounds.interleave(
            mode.rounds(),
            () ->
                restRound(s, s.apis(), oneRunners, List.of(s.oneClass()), claims, "1 class").rate(),
            () ->
                restRound(
                        s,
                        s.apis(),
                        manyRunners,
                        s.manyClasses(),
                        claims,
                        Mode.CLASSES + " classes")
                    .rate());
    table.add(
        "5. Claims/s with 1 vs "
            + Mode.CLASSES
            + " capability classes (runners eligible for all, builds spread evenly)",
        String.format(
            "1 class %,.0f/s; %d classes %,.0f/s = %.2f×%s",
            c.baselineMedian(), Mode.CLASSES, c.candidateMedian(), c.ratio(), roundsNote(c)),
        "target ≥ 0.7× of 1 class",
        Verdict.of(c.ratio() >= 0.7));
  }

  /**
   * Claim cost at two queue depths, one class each: the shallow queue is filled with {@code
   * smallDepth}, the deep one with {@code largeDepth}, and each is topped up by one round's claims
   * right before its round, so each round ends at the depth the label says and both follow the same
   * burst of queueing (topping up only the shallow one made its rounds pay for the broker settling
   * after it: 0.7×).
   */
  private void depthAndMemory(Setup s) throws Exception {
    phase("scale-depth");
    int claims = mode.perRound(mode.depthClaims());
    RunnerPool shallowRunners = pool(s, "shallow", caps("shallow", HangarClient.MAX_CAPACITY));
    RunnerPool deepRunners = pool(s, "deep", caps("deep", HangarClient.MAX_CAPACITY));
    String shallowQueue = namespace.queue(s.shallow().queue(), "normal");
    String deepQueue = namespace.queue(s.deep().queue(), "normal");
    Console.progress(
        "claim cost at %,d vs %,d queued builds: queueing them over HTTP first ...",
        mode.smallDepth(), mode.largeDepth());
    seedQueue(s, s.shallow(), mode.smallDepth(), shallowQueue, "shallow queue");
    deepSeeded.addAll(seedQueue(s, s.deep(), mode.largeDepth(), deepQueue, "deep queue"));
    Rounds.Comparison c =
        Rounds.interleave(
            mode.rounds(),
            () -> {
              seedQueue(s, s.shallow(), claims, shallowQueue, "shallow queue");
              return depthRound(s, shallowRunners, shallowQueue, claims, "shallow queue");
            },
            () -> {
              deepSeeded.addAll(seedQueue(s, s.deep(), claims, deepQueue, "deep queue"));
              return depthRound(s, deepRunners, deepQueue, claims, "deep queue");
            });
    table.add(
        String.format(
            "5. Claim cost at %s vs %s queued builds",
            thousands(mode.smallDepth()), thousands(mode.largeDepth())),
        String.format(
            "%,.0f claims/s at %s; %,.0f claims/s at %s = %.2f×%s",
            c.baselineMedian(),
            thousands(mode.smallDepth()),
            c.candidateMedian(),
            thousands(mode.largeDepth()),
            c.ratio(),
            roundsNote(c)),
        "target flat within 20 % (0.8–1.2×)"
            + (mode == Mode.QUICK
                ? "; quick mode: " + thousands(mode.largeDepth()) + ", not 100k"
                : ""),
        Verdict.of(Math.abs(c.ratio() - 1) <= 0.2));
    redisBytesPerBuild(deepQueue);
  }

  private List<String> seedQueue(Setup s, Pipeline pipeline, int count, String queue, String what) {
    Seeder.Seeded seeded =
        Seeder.seed(hangar, s.apis(), s.user(), List.of(pipeline.id()), count, "normal");
    note(
        "scale",
        String.format(
            "%s: queued %,d builds over HTTP in %.1f s (%,.0f/s); depth now %,d",
            what, seeded.ids().size(), seeded.seconds(), seeded.rate(), queueDepth(queue)));
    return seeded.ids();
  }

  private double depthRound(Setup s, RunnerPool runners, String queue, int claims, String what) {
    ClaimDrain.Result r = timedDrain(s.apis(), runners, claims, what);
    Console.progress("  depth after: %,d", queueDepth(queue));
    return r.rate();
  }

  /**
   * Redis memory of queued builds: a sample of build hashes, plus each build's share of every
   * sorted set that indexes it (found by looking the sampled builds up in every sorted set of the
   * namespace, so an index the engine adds later is counted without the bench knowing its name).
   */
  private void redisBytesPerBuild(String queue) {
    RedisCommands<String, String> redis = services.redis();
    List<String> candidates = deepSeeded.subList(deepSeeded.size() / 2, deepSeeded.size());
    int step = Math.max(1, candidates.size() / 300);
    List<String> queued = new ArrayList<>();
    long hashBytes = 0;
    for (int i = 0; i < candidates.size(); i += step) {
      String key = namespace.buildKey(candidates.get(i));
      if ("queued".equals(redis.hget(key, "status"))) {
        Long bytes = redis.memoryUsage(key);
        hashBytes += bytes == null ? 0 : bytes;
        queued.add(candidates.get(i));
      }
    }
    double perHash = queued.isEmpty() ? Double.NaN : (double) hashBytes / queued.size();
    double perIndex = 0;
    List<String> indexes = new ArrayList<>();
    for (String key : sortedSets(redis)) {
      long holding = queued.stream().limit(20).filter(id -> redis.zscore(key, id) != null).count();
      long size = redis.zcard(key);
      Long bytes = redis.memoryUsage(key);
      if (holding > 0 && size > 0 && bytes != null) {
        perIndex += (double) bytes / size;
        indexes.add(
            key.substring(namespace.keyPrefix().length())
                    .replaceAll("(proj|pipe)_[a-z0-9]+", "$1_…")
                + String.format(" %,.0f B", (double) bytes / size));
      }
    }
    int body = peekBodySize(queue);
    table.add(
        "5. Redis bytes per queued build (MEMORY USAGE)",
        String.format(
            "%,.0f B: build hash %,.0f B (%d sampled) + indexes %,.0f B (%s)",
            perHash + perIndex, perHash, queued.size(), perIndex, String.join(", ", indexes)),
        String.format(
            "no target; broker: %d B message body per queued build, plus the broker's own per-message overhead",
            body),
        Verdict.INFO);
  }

  private List<String> sortedSets(RedisCommands<String, String> redis) {
    List<String> keys = new ArrayList<>();
    ScanCursor cursor = ScanCursor.INITIAL;
    do {
      KeyScanCursor<String> page =
          redis.scan(
              cursor,
              KeyScanArgs.Builder.type("zset").match(namespace.keyPrefix() + "*").limit(5000));
      keys.addAll(page.getKeys());
      cursor = page;
    } while (!cursor.isFinished());
    return keys;
  }

  /**
   * Size of one message body in a Hangar queue: got and returned at once (one delivery of 50
   * allowed).
   */
  private int peekBodySize(String queue) {
    try (Connection c = services.newRabbitConnection("hangar-bench-peek");
        Channel channel = c.createChannel()) {
      GetResponse message = channel.basicGet(queue, false);
      if (message == null) {
        return -1;
      }
      channel.basicReject(message.getEnvelope().getDeliveryTag(), true);
      return message.getBody().length;
    } catch (Exception e) {
      return -1;
    }
  }

  private int queueDepth(String queue) {
    try (Connection c = services.newRabbitConnection("hangar-bench-depth");
        Channel channel = c.createChannel()) {
      return channel.queueDeclarePassive(queue).getMessageCount();
    } catch (Exception e) {
      return -1;
    }
  }

  // --- 3. requeue latency
  // ----------------------------------------------------------------------------

  private void requeue(Setup s) {
    phase("requeue");
    Duration ttl = RequeueLatency.leaseTtl(mode.requeueExpiries());
    TimeBase time = new TimeBase(services);
    Console.progress(
        "requeue latency: %,d leases of %.1f s claimed at %d/s, then runners waiting in long-poll on both main instances ...",
        mode.requeueExpiries(), ttl.toMillis() / 1000.0, Mode.REQUEUE_RATE);
    long registered = services.redis().scard(namespace.keyPrefix() + "runners");
    CpuMeter.Sample before = cpu.sample();
    RequeueLatency.Result r =
        RequeueLatency.run(
            hangar,
            services,
            namespace,
            time,
            s.shortLease(),
            s.apis(),
            s.user(),
            s.requeue().id(),
            caps("rq", 1),
            mode.requeueExpiries());
    note("requeue", "CPU " + CpuMeter.between(before, cpu.sample()));
    Stats.Summary l = r.latencies();
    Console.progress("  p50 %.0f ms, p99 %.0f ms, max %.0f ms", l.p50(), l.p99(), l.max());
    StringBuilder issues = new StringBuilder();
    if (r.missing() > 0) {
      issues.append(", ").append(r.missing()).append(" never handed out");
    }
    if (r.wrongAttempt() > 0) {
      issues.append(", ").append(r.wrongAttempt()).append(" with an unexpected attempt");
    }
    if (r.duplicates() > 0) {
      issues.append(", ").append(r.duplicates()).append(" handed out twice");
    }
    table.add(
        "3. Requeue latency, lease deadline → build at a waiting runner",
        String.format(
            "p50 %.0f ms, p99 %.0f ms, max %.0f ms; %.1f %% within 1 s (%,d expiries at %d/s, %,d runners registered%s)",
            l.p50(),
            l.p99(),
            l.max(),
            100 * l.shareAtMost(1_000),
            l.count(),
            Mode.REQUEUE_RATE,
            registered,
            issues),
        String.format(
            "target p99 ≤ 1,000 ms (leases of %.1f s from api-short-lease, waiters on api-1/2; reaper at its default interval); "
                + "Redis clock − bench clock %.2f ms",
            ttl.toMillis() / 1000.0, time.offsetMillis()),
        Verdict.of(l.p99() <= 1_000 && r.missing() == 0 && r.duplicates() == 0));
    if (r.excluded() > 0) {
      note(
          "requeue",
          r.excluded()
              + " leases expired before the waiting runners were in place and are not counted");
    }
  }

  // --- 6. logs
  // ---------------------------------------------------------------------------------------

  private void logs(Setup s) {
    phase("log ingest");
    int builds = LogIngestRate.buildsNeeded(Mode.LOG_RUNNERS, mode.logWindow());
    Console.progress(
        "log ingest: %d runners on both main instances append %d KiB chunks for %d s (%d builds queued) ...",
        Mode.LOG_RUNNERS, LogIngestRate.CHUNK / 1024, mode.logWindow().toSeconds(), builds);
    Seeder.seed(hangar, s.apis(), s.user(), List.of(s.logs().id()), builds, "normal");
    List<Runner> writers =
        hangar.registerMany(s.apis(), s.user(), "logs", Mode.LOG_RUNNERS, caps("logs", 1), 8);
    CpuMeter.Sample before = cpu.sample();
    LogIngestRate.Result ingest = LogIngestRate.run(hangar, s.apis(), writers, mode.logWindow());
    note("log ingest", "CPU " + CpuMeter.between(before, cpu.sample()));
    Console.progress("  %.1f MB/s", ingest.megabytesPerSecond());
    table.add(
        "6. Log ingest, 2 api-services, " + Mode.LOG_RUNNERS + " runners",
        String.format(
            "%.1f MB/s (%,d chunks of %d KiB in %.0f s; %d builds logged %d MiB each and archived)",
            ingest.megabytesPerSecond(),
            ingest.chunks(),
            LogIngestRate.CHUNK / 1024,
            ingest.seconds(),
            ingest.builds(),
            LogIngestRate.PER_BUILD / (1024 * 1024)),
        "target ≥ 50 MB/s",
        Verdict.of(ingest.megabytesPerSecond() >= 50));

    phase("log followers");
    Console.progress(
        "log followers: %,d clients follow %d builds on api-followers (-Xmx512m) while their runners append through api-1 for %d s ...",
        Mode.FOLLOWERS, Mode.FOLLOWED_BUILDS, mode.followWindow().toSeconds());
    Seeder.seed(
        hangar, s.apis(), s.user(), List.of(s.follow().id()), Mode.FOLLOWED_BUILDS, "normal");
    List<Runner> appenders =
        hangar.registerMany(
            s.apis(), s.user(), "follow", Mode.FOLLOWED_BUILDS, caps("follow", 1), 8);
    LogFollowing.Result f =
        LogFollowing.run(
            hangar,
            api,
            s.apis().getFirst(),
            s.followed(),
            s.followedManagementPort(),
            s.user(),
            appenders,
            mode.followWindow());
    long heapMib = f.heapPeakBytes() / (1024 * 1024);
    Stats.Summary l = f.latency();
    Console.progress(
        "  %d of %d followers got every byte and the end; heap peak %d MiB",
        f.complete(), f.followers(), heapMib);
    table.add(
        "6. Live-log followers, 1 api-service with -Xmx512m",
        String.format(
            "%,d of %,d followers got every byte and the end event (%,d connected); heap peak %,d MiB; chunk sent → at follower p50 %.1f ms, p99 %.1f ms (%d builds, %,d KiB of log)%s",
            f.complete(),
            f.followers(),
            f.connected(),
            heapMib,
            l.p50(),
            l.p99(),
            Mode.FOLLOWED_BUILDS,
            f.logBytes() / 1024,
            f.alive() ? "" : "; api-followers died"),
        "target " + String.format("%,d", Mode.FOLLOWERS) + " followers with heap < 512 MB",
        Verdict.of(f.alive() && f.complete() == f.followers() && heapMib < 512));
  }

  // --- 7. artifacts
  // ----------------------------------------------------------------------------------

  private void artifacts(Setup s) {
    phase("artifacts");
    Instance instance = s.apis().getFirst();
    Console.progress(
        "artifacts: %d artifacts of %d MiB uploaded to one job through %s, then downloaded, %d at a time ...",
        mode.artifacts(), mode.artifactMebibytes(), instance.name(), ArtifactTransfer.STREAMS);
    Seeder.seed(hangar, s.apis(), s.user(), List.of(s.artifacts().id()), 1, "normal");
    Runner runner = hangar.registerMany(s.apis(), s.user(), "art", 1, caps("art", 1), 1).getFirst();
    Reply job = ArtifactTransfer.claimRunning(hangar, instance, runner);
    ArtifactTransfer transfer = new ArtifactTransfer(mode.artifactMebibytes() * 1024 * 1024);
    CpuMeter.Sample before = cpu.sample();
    ArtifactTransfer.Result r =
        transfer.run(
            instance,
            runner,
            job.text("build_id"),
            job.json().path("attempt").asInt(),
            s.user(),
            mode.artifacts());
    note("artifacts", "CPU " + CpuMeter.between(before, cpu.sample()));
    hangar.status(
        instance, runner, job.text("build_id"), "succeeded", job.json().path("attempt").asInt());
    Console.progress(
        "  upload %.1f MB/s, download %.1f MB/s",
        r.upload().megabytesPerSecond(), r.download().megabytesPerSecond());
    table.add(
        "7. Artifacts through 1 api-service, " + ArtifactTransfer.STREAMS + " at a time",
        String.format(
            "upload %.1f MB/s, download %.1f MB/s (%d of %d uploads accepted, %d of %d downloads byte-identical; %d × %d MiB; directory store)",
            r.upload().megabytesPerSecond(),
            r.download().megabytesPerSecond(),
            r.upload().intact(),
            r.upload().tried(),
            r.download().intact(),
            r.download().tried(),
            mode.artifacts(),
            mode.artifactMebibytes()),
        "no target; every transfer whole",
        Verdict.of(
            r.upload().intact() == r.upload().tried()
                && r.download().intact() == r.download().tried()));
  }

  // --- context
  // -------------------------------------------------------------------------------------

  private void memoryOfProcesses() {
    StringBuilder value = new StringBuilder();
    rss.peaks(phase -> !phase.equals("start-up"))
        .forEach(
            (process, peak) -> {
              if (!value.isEmpty()) {
                value.append("; ");
              }
              value.append(
                  String.format("%s %,d MiB (%s)", process, peak.kib() / 1024, peak.phase()));
            });
    table.add(
        "5. RSS under load, peak per process (phase of the peak)",
        value.toString(),
        "no target; default JVM flags"
            + (javaOptions.isEmpty() ? "" : " plus " + String.join(" ", javaOptions))
            + "; api-short-lease only hands out the leases of figure 3",
        Verdict.INFO);
    table.add(
        "HTTP answers the bench did not expect",
        String.format(
            "%,d (5xx: %,d, no answer: %,d)",
            problems.total(), problems.serverErrors(), problems.noAnswer()),
        "details in bench/target/bench-result.md",
        Verdict.INFO);
  }

  private void tearDown() {
    if (!cleanedUp.compareAndSet(false, true)) {
      return;
    }
    Console.progress(
        "stopping the Hangar processes and deleting namespace %s ...", namespace.name());
    if (rss != null) {
      rss.close();
    }
    if (stack != null) {
      stack.stopAll();
      deleteBlobs(stack.dataDir().resolve("blobs").resolve(namespace.name()));
    }
    if (services != null) {
      try {
        namespace.delete(services);
      } catch (Exception e) {
        Console.progress("could not delete namespace %s completely: %s", namespace.name(), e);
      }
    }
  }

  /** The run's archived logs: hundreds of megabytes after the ingest figure. */
  /** The run's archived logs (and anything else it left in the blob store), deepest first. */
  private static void deleteBlobs(Path directory) {
    if (!Files.isDirectory(directory)) {
      return;
    }
    try (var paths = Files.walk(directory)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (java.io.IOException e) {
      Console.progress("could not delete the run's blobs in %s: %s", directory, e);
    }
  }

  /** Ctrl-C: no time for graceful stops, but the namespace must still go. */
  private void emergencyCleanUp() {
    if (stack != null && !cleanedUp.get()) {
      stack.killAll();
    }
    tearDown();
    if (services != null) {
      services.close();
    }
  }

  // --- report
  // ----------------------------------------------------------------------------------------

  /** Names what runs now, for the RSS peaks and the unexpected answers. */
  private void phase(String name) {
    rss.phase(name);
    problems.phase(name);
  }

  private void note(String phase, String text) {
    notes.add(phase + ": " + text);
  }

  private String report(Machine machine, String loadBefore, String loadAfter) {
    StringBuilder out = new StringBuilder();
    out.append("# Hangar benchmark result\n\n");
    out.append("Command: `./hangar bench --")
        .append(mode.name())
        .append("` (")
        .append(String.format("%.0f", Console.elapsedSeconds()))
        .append(" s, namespace ")
        .append(namespace.name())
        .append(")\n\n");
    out.append(machine.markdown());
    out.append("- load average before / after: ")
        .append(loadBefore)
        .append(" / ")
        .append(loadAfter)
        .append("\n\n");
    out.append(table.markdown()).append("\n");
    out.append("## Notes\n\n");
    notes.forEach(n -> out.append("- ").append(n).append("\n"));
    String unexpected = problems.describe();
    out.append("\n## Unexpected HTTP answers\n\n")
        .append(unexpected.isEmpty() ? "None.\n" : unexpected);
    out.append("\n## WARN and ERROR lines in Hangar's logs\n\n");
    boolean any = false;
    for (ServiceProcess p : stack.processes()) {
      for (Map.Entry<String, Integer> w : p.warnings().entrySet()) {
        out.append("- ")
            .append(p.name())
            .append(" ×")
            .append(w.getValue())
            .append(": `")
            .append(w.getKey().replace('`', '\''))
            .append("`\n");
        any = true;
      }
    }
    if (!any) {
      out.append("None.\n");
    }
    return out.toString();
  }

  private static String thousands(int n) {
    return n % 1000 == 0 ? (n / 1000) + "k" : String.format("%,d", n);
  }
}
