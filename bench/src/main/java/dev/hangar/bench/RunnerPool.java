package dev.hangar.bench;

import dev.hangar.bench.HangarClient.Instance;
import dev.hangar.bench.HangarClient.Runner;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fresh runners of one capability set for claim loops. A runner may hold at most {@link
 * HangarClient#MAX_CAPACITY} jobs and the bench never finishes them (finishing is not part of a
 * claim), so a client uses a runner up and takes the next; runners are registered before the timing
 * starts, and more on demand.
 */
final class RunnerPool {

  private final HangarClient hangar;
  private final Instance registrar;
  private final String userToken;
  private final String prefix;
  private final Map<String, Object> capabilities;
  private final Queue<Runner> fresh = new ConcurrentLinkedQueue<>();
  private final AtomicInteger registered = new AtomicInteger();

  RunnerPool(
      HangarClient hangar,
      Instance registrar,
      String userToken,
      String prefix,
      Map<String, Object> capabilities) {
    this.hangar = hangar;
    this.registrar = registrar;
    this.userToken = userToken;
    this.prefix = prefix;
    this.capabilities = capabilities;
  }

  /**
   * Registers enough runners for {@code claims} claims by {@code clients} clients, before anything
   * is timed.
   */
  void prepareFor(int claims, int clients) {
    int needed = claims / HangarClient.MAX_CAPACITY + 2 * clients - fresh.size();
    if (needed > 0) {
      fresh.addAll(
          hangar.registerMany(
              List.of(registrar),
              userToken,
              prefix + "-" + registered.get(),
              needed,
              capabilities,
              32));
      registered.addAndGet(needed);
    }
  }

  Runner take() {
    Runner runner = fresh.poll();
    if (runner != null) {
      return runner;
    }
    Api.Reply reply =
        hangar.register(
            registrar, userToken, prefix + "-" + registered.incrementAndGet(), capabilities);
    if (reply.status() != 200) {
      throw new IllegalStateException(
          "cannot register a runner: HTTP " + reply.status() + " " + reply.body());
    }
    return HangarClient.runnerOf(reply);
  }
}
