package dev.hangar.bench;

import dev.hangar.bench.HangarClient.Instance;
import dev.hangar.bench.HangarClient.Runner;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * REST claim throughput: {@code clients} simulated runners (virtual threads) spread over the
 * instances claim with {@code wait=0} until the {@code expected} queued builds are all claimed. The
 * rate is taken over the middle of the run (see {@link Stats#middleRate}).
 */
final class ClaimDrain {

  record Result(int claimed, double rate, int emptyAnswers, double seconds) {}

  private ClaimDrain() {}

  static Result run(
      HangarClient hangar,
      List<Instance> instances,
      RunnerPool pool,
      int clients,
      int expected,
      Duration limit) {
    long[] stamps = new long[expected];
    AtomicInteger claimed = new AtomicInteger();
    AtomicInteger empty = new AtomicInteger();
    long start = System.nanoTime();
    long deadline = start + limit.toNanos();
    Parallel.run(
        clients,
        c -> {
          Instance instance = instances.get(c % instances.size());
          Runner runner = pool.take();
          int held = 0;
          while (claimed.get() < expected && System.nanoTime() < deadline) {
            if (held == HangarClient.MAX_CAPACITY) {
              runner = pool.take();
              held = 0;
            }
            Api.Reply reply = hangar.claim(instance, runner, 0);
            switch (reply.status()) {
              case 200 -> {
                held++;
                int i = claimed.getAndIncrement();
                if (i < expected) {
                  stamps[i] = reply.atNanos();
                }
              }
              case 204 -> {
                // Builds still expected: the instance may not have heard of them yet (a queue it
                // found empty is skipped until a work signal or for up to a second). Ask again
                // shortly.
                empty.incrementAndGet();
                Parallel.sleep(2);
              }
              case 409 -> {
                runner = pool.take();
                held = 0;
              }
              default -> Parallel.sleep(10);
            }
          }
        });
    int n = Math.min(claimed.get(), expected);
    return new Result(
        n,
        Stats.middleRate(Arrays.copyOf(stamps, n), 0.1, 0.9),
        empty.get(),
        (System.nanoTime() - start) / 1e9);
  }
}
