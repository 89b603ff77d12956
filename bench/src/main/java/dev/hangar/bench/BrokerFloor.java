package dev.hangar.bench;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import dev.hangar.engine.broker.QueuedBuild;
import dev.hangar.engine.claims.ClaimOutcome;
import dev.hangar.engine.claims.ClaimScript;
import dev.hangar.engine.claims.Claimant;
import dev.hangar.engine.redis.Keys;
import dev.hangar.engine.support.EngineJson;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The broker floor: the broker and Redis work one claim needs, done directly with no HTTP, by the
 * same number of client threads as the REST measurement it is compared with. Messages shaped like
 * Hangar's wait in a queue of Hangar's type; each thread loops basic.get (manual ack) → the
 * engine's own {@link ClaimScript} on a build hash shaped like Hangar's → basic.ack. Per
 * api-service instance measured, the floor has one AMQP connection and one shared Redis connection,
 * as an instance does. {@link #overHttp} prepares the same queue and keys and has the {@link
 * BareClaimServer}s do the claims.
 */
final class BrokerFloor {

  /**
   * What one floor run achieved, and the CPU samples around its claiming (queueing the messages
   * left out).
   */
  record Result(
      int claimed,
      double rate,
      int failures,
      CpuMeter.Sample claimingBegan,
      CpuMeter.Sample claimingEnded) {}

  private static final Duration LEASE_TTL = Duration.ofHours(1);
  private static final int BATCH = 1_000;

  private final Services services;
  private final Namespace namespace;
  private final CpuMeter cpu;
  private int runs;

  BrokerFloor(Services services, Namespace namespace, CpuMeter cpu) {
    this.services = services;
    this.namespace = namespace;
    this.cpu = cpu;
  }

  /**
   * Claims {@code messages} pre-published messages with {@code threads} threads over {@code
   * connections} connection pairs, as fast as they go, or spread evenly at {@code perSecond} when
   * it is above 0.
   */
  Result run(int connections, int threads, int messages, Duration limit, double perSecond)
      throws Exception {
    List<Connection> rabbit = new ArrayList<>();
    List<StatefulRedisConnection<String, String>> redis = new ArrayList<>();
    try {
      for (int c = 0; c < connections; c++) {
        rabbit.add(services.newRabbitConnection("hangar-bench-floor-" + c));
        redis.add(services.newRedisConnection());
      }
      Pace pace = new Pace(perSecond);
      return measure(
          rabbit.getFirst(),
          redis.getFirst(),
          threads,
          messages,
          limit,
          (run, thread, tally) -> {
            try (Channel channel = rabbit.get(thread % connections).createChannel()) {
              ClaimScript claims = run.claimScript(redis.get(thread % connections).sync());
              while (tally.inTime()) {
                pace.await();
                GetResponse message = channel.basicGet(run.queue(), false);
                if (message == null) {
                  // Every message was published before the threads started: empty means done.
                  return;
                }
                String claimed = claim(claims, runnerId(thread), message.getBody());
                channel.basicAck(message.getEnvelope().getDeliveryTag(), false);
                tally.add(claimed != null, System.nanoTime());
              }
            }
          });
    } finally {
      for (Connection c : rabbit) {
        c.close();
      }
      redis.forEach(StatefulRedisConnection::close);
    }
  }

  /**
   * The same work behind HTTP: each thread asks one of the {@link BareClaimServer}s to claim for
   * its runner until the server finds the queue empty. The threads and the HTTP client are the REST
   * measurement's, the claim is the floor's.
   */
  Result overHttp(Api api, List<String> servers, int threads, int messages, Duration limit)
      throws Exception {
    try (Connection rabbit = services.newRabbitConnection("hangar-bench-floor-setup");
        StatefulRedisConnection<String, String> redis = services.newRedisConnection()) {
      return measure(
          rabbit,
          redis,
          threads,
          messages,
          limit,
          (run, thread, tally) -> {
            String url =
                servers.get(thread % servers.size())
                    + BareClaimServer.claimPath(run.number(), runnerId(thread));
            while (tally.inTime()) {
              Api.Reply reply = api.post(url, null, null, Duration.ofSeconds(30));
              if (reply.status() == 204) {
                return;
              }
              tally.add(reply.status() == 200, reply.atNanos());
            }
          });
    }
  }

  /**
   * One floor run's queue and keys, named after the run's number, by which the bare claim servers
   * find them. The keys are the engine's, under a namespace of the run's own inside the bench's.
   */
  record Run(int number, String queue, Keys keys) {

    static Run of(Namespace namespace, int number) {
      return new Run(
          number,
          namespace.ownQueue("floor-" + number),
          new Keys(namespace.name() + ":floor" + number));
    }

    String prefix() {
      return keys.prefix();
    }

    /** The engine's claim script, run on this Redis connection against this run's keys. */
    ClaimScript claimScript(RedisCommands<String, String> redis) {
      return new ClaimScript(new LettuceScripts(redis), keys);
    }
  }

  /** What one thread of a floor run does, until the queue is empty or the time is up. */
  @FunctionalInterface
  private interface Claimer {
    void claimAll(Run run, int thread, Tally tally) throws Exception;
  }

  /** The claims of one floor run, counted from every thread. */
  private static final class Tally {
    private final long[] stamps;
    private final long deadline;
    private final AtomicInteger claimed = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();

    Tally(int messages, long deadline) {
      this.stamps = new long[messages];
      this.deadline = deadline;
    }

    boolean inTime() {
      return System.nanoTime() < deadline;
    }

    void add(boolean claimedOne, long atNanos) {
      if (!claimedOne) {
        failures.incrementAndGet();
        return;
      }
      int i = claimed.getAndIncrement();
      if (i < stamps.length) {
        stamps[i] = atNanos;
      }
    }
  }

  /**
   * Prepares a run's queue and keys, lets {@code threads} claimers drain it, and removes both
   * again.
   */
  private Result measure(
      Connection rabbit,
      StatefulRedisConnection<String, String> redis,
      int threads,
      int messages,
      Duration limit,
      Claimer claimer)
      throws Exception {
    Run run = Run.of(namespace, ++runs);
    namespace.deleteWithNamespace(run.queue());
    try {
      prepare(rabbit, redis, run, messages, threads);
      Tally tally = new Tally(messages, System.nanoTime() + limit.toNanos());
      CpuMeter.Sample began = cpu.sample();
      List<Thread> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        workers.add(
            Thread.ofPlatform()
                .name("bench-floor-" + t)
                .start(
                    () -> {
                      try {
                        claimer.claimAll(run, thread, tally);
                      } catch (Exception e) {
                        tally.failures.incrementAndGet();
                        Console.progress("floor thread %d failed: %s", thread, e);
                      }
                    }));
      }
      Parallel.join(workers);
      CpuMeter.Sample ended = cpu.sample();
      int n = Math.min(tally.claimed.get(), messages);
      return new Result(
          n,
          Stats.middleRate(Arrays.copyOf(tally.stamps, n), 0.1, 0.9),
          tally.failures.get(),
          began,
          ended);
    } finally {
      try (Channel channel = rabbit.createChannel()) {
        channel.queueDelete(run.queue());
      } catch (Exception ignored) {
        // Namespace.delete removes it at the end anyway
      }
      deleteKeys(redis.sync(), run.prefix());
    }
  }

  /**
   * One claim's Redis work on a message taken from a floor queue: read the body and record the
   * lease as a REST claim does, through the engine's own types. The build's id when the script
   * recorded the lease, null when it refused.
   */
  static String claim(ClaimScript claims, String runnerId, byte[] body) {
    QueuedBuild message =
        QueuedBuild.read(body)
            .orElseThrow(() -> new IllegalStateException("the floor queued an unreadable message"));
    ClaimOutcome outcome =
        claims.run(message, new Claimant(runnerId, tokenHash(runnerId), "1"), LEASE_TTL);
    return outcome instanceof ClaimOutcome.Claimed ? message.buildId() : null;
  }

  private static String runnerId(int thread) {
    return "floor-runner-" + thread;
  }

  /** Spreads all threads' claims evenly over time at a set rate; a rate of 0 holds nothing back. */
  private static final class Pace {
    private final long intervalNanos;

    /**
     * When the next claim may start; 0 until the first claim, so the pace starts with the claiming,
     * not with queueing the run's messages.
     */
    private final AtomicLong next = new AtomicLong();

    Pace(double perSecond) {
      this.intervalNanos = perSecond > 0 ? Math.round(1e9 / perSecond) : 0;
    }

    void await() {
      if (intervalNanos > 0) {
        next.compareAndSet(0, System.nanoTime());
        long wait = next.getAndAdd(intervalNanos) - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
      }
    }
  }

  /**
   * Stands in for a runner token's hash: the claim script only compares it with the runner's and
   * its index entry.
   */
  private static String tokenHash(String runnerId) {
    return "floor-token-of-" + runnerId;
  }

  /**
   * The queue (Hangar's type and arguments), the build hashes, one runner per thread, then the
   * messages.
   */
  private void prepare(
      Connection rabbit,
      StatefulRedisConnection<String, String> redis,
      Run run,
      int messages,
      int threads)
      throws Exception {
    Keys keys = run.keys();
    Map<String, Object> arguments = new HashMap<>();
    arguments.put("x-queue-type", services.queueType);
    arguments.put("x-dead-letter-exchange", namespace.name() + ".builds.dlx");
    if ("quorum".equals(services.queueType)) {
      arguments.put("x-delivery-limit", 50);
    }
    RedisAsyncCommands<String, String> async = redis.async();
    List<RedisFuture<?>> pending = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      String runnerId = runnerId(t);
      pending.add(
          async.hset(
              keys.runner(runnerId),
              Map.of(
                  "draining",
                  "0",
                  "capacity",
                  "1000000000",
                  "caps_rev",
                  "1",
                  "token_hash",
                  tokenHash(runnerId))));
      pending.add(async.set(keys.runnerToken(tokenHash(runnerId)), runnerId));
    }
    for (int i = 0; i < messages; i++) {
      pending.add(
          async.hset(
              keys.build(buildId(run.number(), i)), buildFields(buildId(run.number(), i), i)));
      if (pending.size() >= BATCH) {
        await(pending);
      }
    }
    await(pending);
    try (Channel channel = rabbit.createChannel()) {
      channel.queueDeclare(run.queue(), true, false, false, arguments);
      channel.confirmSelect();
      AMQP.BasicProperties properties =
          new AMQP.BasicProperties.Builder()
              .deliveryMode(2)
              .contentType("application/json")
              .build();
      for (int i = 0; i < messages; i++) {
        String buildId = buildId(run.number(), i);
        byte[] body = EngineJson.writeBytes(new QueuedBuild(buildId, 1));
        channel.basicPublish(
            "", run.queue(), properties.builder().messageId(buildId + ":1").build(), body);
        if ((i + 1) % BATCH == 0) {
          channel.waitForConfirmsOrDie(30_000);
        }
      }
      channel.waitForConfirmsOrDie(30_000);
    }
  }

  private static String buildId(int run, int i) {
    return "build_floor" + run + "x" + i;
  }

  /**
   * The fields create_build.lua writes, so the claim script's HMGETs touch a hash of Hangar's size.
   */
  private static Map<String, String> buildFields(String id, int number) {
    Map<String, String> f = new HashMap<>();
    f.put("id", id);
    f.put("build_number", Integer.toString(number + 1));
    f.put("status", "queued");
    f.put("attempt", "1");
    f.put("cancel_requested", "0");
    f.put("created_at", "1760000000000");
    f.put("updated_at", "1760000000000");
    f.put("project_id", "proj_floorfloorfloor");
    f.put("pipeline_id", "pipe_floorfloorfloor");
    f.put("platform", "android");
    f.put("queue", "android.floor");
    f.put("priority", "normal");
    f.put("commit_sha", "a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2");
    f.put("branch", "main");
    f.put("config_snapshot", "{\"flavor\":\"bench\"}");
    f.put("created_by", "user_floorfloorfloor");
    return f;
  }

  private static void await(List<RedisFuture<?>> pending) {
    if (!LettuceFutures.awaitAll(30, TimeUnit.SECONDS, pending.toArray(RedisFuture[]::new))) {
      throw new IllegalStateException("Redis did not answer the floor's set-up in 30 s");
    }
    pending.clear();
  }

  private static void deleteKeys(RedisCommands<String, String> redis, String prefix) {
    ScanCursor cursor = ScanCursor.INITIAL;
    do {
      KeyScanCursor<String> page =
          redis.scan(cursor, ScanArgs.Builder.matches(prefix + "*").limit(5000));
      if (!page.getKeys().isEmpty()) {
        redis.unlink(page.getKeys().toArray(String[]::new));
      }
      cursor = page;
    } while (!cursor.isFinished());
  }
}
