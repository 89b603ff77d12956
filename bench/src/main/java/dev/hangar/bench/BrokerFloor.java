package dev.hangar.bench;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import tools.jackson.databind.JsonNode;

/**
 * The broker floor: the broker and Redis work one claim needs, done directly with no HTTP, by the same
 * number of client threads as the REST measurement it is compared with. Messages shaped like Hangar's
 * wait in a queue of Hangar's type; each thread loops basic.get (manual ack) → Hangar's own
 * {@code claim.lua} on a build hash shaped like Hangar's → basic.ack. Per api-service instance
 * measured, the floor has one AMQP connection and one shared Redis connection, as an instance does.
 */
final class BrokerFloor {

  /** What one floor run achieved, and the CPU samples around its claiming (queueing the messages left out). */
  record Result(int claimed, double rate, int failures, CpuMeter.Sample claimingBegan, CpuMeter.Sample claimingEnded) {}

  private static final long LEASE_TTL_MS = 3_600_000;
  private static final int BATCH = 1_000;

  private final Services services;
  private final Namespace namespace;
  private final String script;
  private final CpuMeter cpu;
  private int runs;

  BrokerFloor(Services services, Namespace namespace, String script, CpuMeter cpu) {
    this.services = services;
    this.namespace = namespace;
    this.script = script;
    this.cpu = cpu;
  }

  /**
   * Claims {@code messages} pre-published messages with {@code threads} threads over {@code connections}
   * connection pairs, as fast as they go, or spread evenly at {@code perSecond} when it is above 0.
   */
  Result run(int connections, int threads, int messages, Duration limit, double perSecond) throws Exception {
    int run = ++runs;
    String queue = namespace.ownQueue("floor-" + run);
    String prefix = namespace.keyPrefix() + "floor" + run + ":";
    List<Connection> rabbit = new ArrayList<>();
    List<StatefulRedisConnection<String, String>> redis = new ArrayList<>();
    try {
      for (int c = 0; c < connections; c++) {
        rabbit.add(services.newRabbitConnection("hangar-bench-floor-" + c));
        redis.add(services.newRedisConnection());
      }
      String sha = redis.getFirst().sync().scriptLoad(script);
      prepare(rabbit.getFirst(), redis.getFirst(), queue, prefix, run, messages, threads);

      long[] stamps = new long[messages];
      AtomicInteger claimed = new AtomicInteger();
      AtomicInteger failures = new AtomicInteger();
      long deadline = System.nanoTime() + limit.toNanos();
      Pace pace = new Pace(perSecond);
      CpuMeter.Sample began = cpu.sample();
      List<Thread> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        Connection connection = rabbit.get(t % connections);
        RedisCommands<String, String> commands = redis.get(t % connections).sync();
        workers.add(Thread.ofPlatform().name("bench-floor-" + t).start(() -> {
          try (Channel channel = connection.createChannel()) {
            claimLoop(channel, commands, sha, queue, prefix, "floor-runner-" + thread, pace, stamps, claimed, failures, deadline);
          } catch (Exception e) {
            failures.incrementAndGet();
            Console.progress("floor thread %d failed: %s", thread, e);
          }
        }));
      }
      Parallel.join(workers);
      CpuMeter.Sample ended = cpu.sample();
      int n = Math.min(claimed.get(), messages);
      long[] done = java.util.Arrays.copyOf(stamps, n);
      return new Result(n, Stats.middleRate(done, 0.1, 0.9), failures.get(), began, ended);
    } finally {
      try (Channel channel = rabbit.getFirst().createChannel()) {
        channel.queueDelete(queue);
      } catch (Exception ignored) {
        // Namespace.delete removes it at the end anyway
      }
      deleteKeys(redis.getFirst().sync(), prefix);
      for (Connection c : rabbit) {
        c.close();
      }
      redis.forEach(StatefulRedisConnection::close);
    }
  }

  private static void claimLoop(
      Channel channel,
      RedisCommands<String, String> redis,
      String sha,
      String queue,
      String prefix,
      String runnerId,
      Pace pace,
      long[] stamps,
      AtomicInteger claimed,
      AtomicInteger failures,
      long deadline)
      throws IOException {
    String tokenHash = tokenHash(runnerId);
    String[] keys = {prefix + "build:", runnerKey(prefix, runnerId), runnerKey(prefix, runnerId) + ":jobs", tokenIndexKey(prefix, runnerId)};
    while (System.nanoTime() < deadline) {
      pace.await();
      GetResponse message = channel.basicGet(queue, false);
      if (message == null) {
        return; // every message was published before the threads started: empty means done
      }
      // Read the body as Hangar does (JSON), then run claim.lua exactly as ClaimService calls it.
      JsonNode body = Api.JSON.readTree(message.getBody());
      String buildId = body.path("build_id").asString();
      String attempt = Integer.toString(body.path("attempt").asInt());
      List<Object> result =
          redis.evalsha(
              sha,
              ScriptOutputType.MULTI,
              new String[] {keys[0] + buildId, keys[1], keys[2], keys[3]},
              prefix, buildId, attempt, runnerId, Long.toString(LEASE_TTL_MS), "1", tokenHash);
      channel.basicAck(message.getEnvelope().getDeliveryTag(), false);
      if ("claimed".equals(result.getFirst())) {
        int i = claimed.getAndIncrement();
        if (i < stamps.length) {
          stamps[i] = System.nanoTime();
        }
      } else {
        failures.incrementAndGet();
      }
    }
  }

  /** Spreads all threads' claims evenly over time at a set rate; a rate of 0 holds nothing back. */
  private static final class Pace {
    private final long intervalNanos;
    private final AtomicLong next = new AtomicLong(System.nanoTime());

    Pace(double perSecond) {
      this.intervalNanos = perSecond > 0 ? Math.round(1e9 / perSecond) : 0;
    }

    void await() {
      if (intervalNanos > 0) {
        long wait = next.getAndAdd(intervalNanos) - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
      }
    }
  }

  /** Stands in for a runner token's hash: claim.lua only compares it with the runner's and its index entry. */
  private static String tokenHash(String runnerId) {
    return "floor-token-of-" + runnerId;
  }

  /** The runner hash, named as Hangar's {@code Keys.runner} names it. */
  private static String runnerKey(String prefix, String runnerId) {
    return prefix + "runner:" + runnerId;
  }

  /** The token index entry, named as Hangar's {@code Keys.runnerToken} names it. */
  private static String tokenIndexKey(String prefix, String runnerId) {
    return prefix + "runner-token:" + tokenHash(runnerId);
  }

  /** The queue (Hangar's type and arguments), the build hashes, one runner per thread, then the messages. */
  private void prepare(Connection rabbit, StatefulRedisConnection<String, String> redis, String queue, String prefix, int run, int messages, int threads)
      throws Exception {
    Map<String, Object> arguments = new HashMap<>();
    arguments.put("x-queue-type", services.queueType);
    arguments.put("x-dead-letter-exchange", namespace.name() + ".builds.dlx");
    if ("quorum".equals(services.queueType)) {
      arguments.put("x-delivery-limit", 50);
    }
    RedisAsyncCommands<String, String> async = redis.async();
    List<RedisFuture<?>> pending = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      String runnerId = "floor-runner-" + t;
      pending.add(async.hset(runnerKey(prefix, runnerId),
          Map.of("draining", "0", "capacity", "1000000000", "caps_rev", "1", "token_hash", tokenHash(runnerId))));
      pending.add(async.set(tokenIndexKey(prefix, runnerId), runnerId));
    }
    for (int i = 0; i < messages; i++) {
      pending.add(async.hset(prefix + "build:" + buildId(run, i), buildFields(buildId(run, i), i)));
      if (pending.size() >= BATCH) {
        await(pending);
      }
    }
    await(pending);
    try (Channel channel = rabbit.createChannel()) {
      channel.queueDeclare(queue, true, false, false, arguments);
      channel.confirmSelect();
      AMQP.BasicProperties properties =
          new AMQP.BasicProperties.Builder().deliveryMode(2).contentType("application/json").build();
      for (int i = 0; i < messages; i++) {
        byte[] body = Api.JSON.writeValueAsBytes(Map.of("build_id", buildId(run, i), "attempt", 1));
        channel.basicPublish("", queue, properties.builder().messageId(buildId(run, i) + ":1").build(), body);
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

  /** The fields create_build.lua writes, so HMGETs in claim.lua touch a hash of Hangar's size. */
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
      KeyScanCursor<String> page = redis.scan(cursor, ScanArgs.Builder.matches(prefix + "*").limit(5000));
      if (!page.getKeys().isEmpty()) {
        redis.unlink(page.getKeys().toArray(String[]::new));
      }
      cursor = page;
    } while (!cursor.isFinished());
  }
}
