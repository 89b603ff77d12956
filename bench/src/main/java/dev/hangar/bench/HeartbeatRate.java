package dev.hangar.bench;

import dev.hangar.bench.HangarClient.Instance;
import dev.hangar.bench.HangarClient.Runner;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Heartbeats per second: {@link Mode#HEARTBEAT_CLIENTS} clients spread over the instances each send
 * {@code POST /heartbeat} for a random one of the first {@code runners} registered runners, back to
 * back, for a fixed window. The first second warms up and is not counted.
 */
final class HeartbeatRate {

  static final Duration WARM_UP = Duration.ofSeconds(1);

  record Result(int runners, double rate, int ok, int failed) {}

  private HeartbeatRate() {}

  static Result run(
      HangarClient hangar,
      List<Instance> instances,
      List<Runner> registered,
      int runners,
      int clients,
      Duration window) {
    long countFrom = System.nanoTime() + WARM_UP.toNanos();
    long end = countFrom + window.toNanos();
    AtomicInteger ok = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    Parallel.run(
        clients,
        c -> {
          Instance instance = instances.get(c % instances.size());
          while (System.nanoTime() < end) {
            Runner runner = registered.get(ThreadLocalRandom.current().nextInt(runners));
            Api.Reply reply = hangar.heartbeat(instance, runner);
            if (reply.atNanos() >= countFrom && reply.atNanos() < end) {
              (reply.status() == 200 ? ok : failed).incrementAndGet();
            }
          }
        });
    return new Result(runners, ok.get() / (window.toNanos() / 1e9), ok.get(), failed.get());
  }
}
