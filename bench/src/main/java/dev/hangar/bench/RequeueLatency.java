package dev.hangar.bench;

import dev.hangar.bench.HangarClient.Instance;
import dev.hangar.bench.HangarClient.Runner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Requeue latency. Builds are queued, then "silent" runners claim them at a steady {@link
 * Mode#REQUEUE_RATE} through an api-service with a short lease and never speak again. Once all are
 * claimed, other runners wait in long-poll on the main instances. Each lease's exact deadline is
 * read from the build hash in Redis (milliseconds, Redis's clock); the handoff is the moment a
 * waiting runner has the claim answer (the bench's clock, mapped onto Redis's). The figure is
 * handoff − deadline: reaper period, requeue, publish, work signal and claim together.
 */
final class RequeueLatency {

  static final int WAITERS_PER_INSTANCE = 20;
  static final int WAIT_SECONDS = 2;

  /**
   * @param latencies handoff − deadline per expiry, milliseconds
   * @param missing expiries not handed to a waiting runner before the bench gave up
   * @param excluded expiries whose deadline fell before the waiters were in place (not counted)
   * @param wrongAttempt handoffs whose attempt was not the claimed attempt + 1
   */
  record Result(
      Stats.Summary latencies,
      int expiries,
      int missing,
      int excluded,
      int wrongAttempt,
      int duplicates) {}

  private record Lease(long deadline, int attempt) {}

  private RequeueLatency() {}

  /**
   * The short lease: claiming every build takes expiries / rate seconds, then a margin for the
   * waiters to start.
   */
  static Duration leaseTtl(int expiries) {
    return Duration.ofMillis(expiries * 1000L / Mode.REQUEUE_RATE + 4_000);
  }

  static Result run(
      HangarClient hangar,
      Services services,
      Namespace namespace,
      TimeBase time,
      Instance shortLease,
      List<Instance> instances,
      String userToken,
      String pipelineId,
      Map<String, Object> capabilities,
      int expiries) {
    int silentCount = (expiries + HangarClient.MAX_CAPACITY - 1) / HangarClient.MAX_CAPACITY;
    Map<String, Object> silentCapabilities = new HashMap<>(capabilities);
    silentCapabilities.put("capacity", HangarClient.MAX_CAPACITY);
    List<Runner> silent =
        hangar.registerMany(
            List.of(shortLease), userToken, "rq-silent", silentCount, silentCapabilities, 8);
    List<Runner> waiters =
        hangar.registerMany(
            instances,
            userToken,
            "rq-waiter",
            WAITERS_PER_INSTANCE * instances.size(),
            capabilities,
            16);
    int queued =
        Seeder.seed(hangar, instances, userToken, List.of(pipelineId), expiries, "normal")
            .ids()
            .size();

    // Claims start on a fixed schedule, each on a thread of its own, so a slow answer does not push
    // the next ones back.
    Map<String, Lease> leases = new ConcurrentHashMap<>();
    long periodNanos = 1_000_000_000L / Mode.REQUEUE_RATE;
    long start = System.nanoTime();
    List<Thread> claims = new ArrayList<>();
    for (int i = 0; i < queued; i++) {
      long ahead = (start + i * periodNanos - System.nanoTime()) / 1_000_000;
      if (ahead > 0) {
        Parallel.sleep(ahead);
      }
      Runner runner = silent.get(i / HangarClient.MAX_CAPACITY);
      claims.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    Api.Reply reply = claimNow(hangar, shortLease, runner);
                    if (reply != null) {
                      String buildId = reply.text("build_id");
                      String deadline =
                          services.redis().hget(namespace.buildKey(buildId), "lease_expires_at");
                      if (deadline != null) {
                        leases.put(
                            buildId,
                            new Lease(
                                Long.parseLong(deadline), reply.json().path("attempt").asInt()));
                      }
                    }
                  }));
    }
    Parallel.join(claims);

    double waitersFrom = time.redisMillis(System.nanoTime());
    long lastDeadline =
        leases.values().stream().mapToLong(Lease::deadline).max().orElse((long) waitersFrom);
    long giveUp =
        System.nanoTime()
            + (long) ((lastDeadline - waitersFrom) * 1e6)
            + Duration.ofSeconds(15).toNanos();
    Map<String, Double> handoffs = new ConcurrentHashMap<>();
    AtomicInteger wrongAttempt = new AtomicInteger();
    AtomicInteger duplicates = new AtomicInteger();
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < waiters.size(); w++) {
      Runner runner = waiters.get(w);
      Instance instance = instances.get(w % instances.size());
      threads.add(
          Thread.ofVirtual()
              .name("bench-waiter-" + w)
              .start(
                  () -> {
                    while (!stop.get() && System.nanoTime() < giveUp) {
                      Api.Reply reply = hangar.claim(instance, runner, WAIT_SECONDS);
                      if (reply.status() == 200) {
                        String buildId = reply.text("build_id");
                        int attempt = reply.json().path("attempt").asInt();
                        if (handoffs.putIfAbsent(buildId, time.redisMillis(reply.atNanos()))
                            != null) {
                          duplicates.incrementAndGet();
                        }
                        Lease lease = leases.get(buildId);
                        if (lease == null || attempt != lease.attempt() + 1) {
                          wrongAttempt.incrementAndGet();
                        }
                        hangar.finish(instance, runner, buildId, attempt);
                        if (handoffs.keySet().containsAll(leases.keySet())) {
                          stop.set(true);
                        }
                      } else if (reply.status() != 204) {
                        Parallel.sleep(50);
                      }
                    }
                  }));
    }
    Parallel.join(threads);

    List<Double> latencies = new ArrayList<>();
    int missing = 0;
    int excluded = 0;
    for (Map.Entry<String, Lease> lease : leases.entrySet()) {
      Double handoff = handoffs.get(lease.getKey());
      if (lease.getValue().deadline() < waitersFrom) {
        excluded++;
      } else if (handoff == null) {
        missing++;
      } else {
        latencies.add(handoff - lease.getValue().deadline());
      }
    }
    return new Result(
        Stats.Summary.of(latencies.stream().mapToDouble(Double::doubleValue).toArray()),
        leases.size(),
        missing,
        excluded,
        wrongAttempt.get(),
        duplicates.get());
  }

  /**
   * Claims at once; a 204 here means the instance has not seen the queued builds yet (it learns
   * within a second), so ask again.
   */
  private static Api.Reply claimNow(HangarClient hangar, Instance instance, Runner runner) {
    long giveUp = System.nanoTime() + Duration.ofSeconds(3).toNanos();
    while (System.nanoTime() < giveUp) {
      Api.Reply reply = hangar.claim(instance, runner, 0);
      if (reply.status() == 200) {
        return reply;
      }
      Parallel.sleep(reply.status() == 204 ? 5 : 50);
    }
    return null;
  }
}
