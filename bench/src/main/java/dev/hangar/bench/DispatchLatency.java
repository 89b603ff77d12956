package dev.hangar.bench;

import dev.hangar.bench.HangarClient.Instance;
import dev.hangar.bench.HangarClient.Runner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Dispatch latency: runners wait in {@code claim?wait=N} on every instance; one user per instance
 * queues a build, and the time from the 201 of that POST to the claim answer reaching a runner (on
 * either instance) is the latency. A user queues the next build once the last one was handed out,
 * so runners are idle when work arrives, which is the case the figure is about.
 */
final class DispatchLatency {

  static final int RUNNERS_PER_INSTANCE = 10;
  static final int WAIT_SECONDS = 2;
  private static final long GIVE_UP_MS = 5_000;

  /**
   * @param latencies from the 201 to the claim answer, one per build handed out, milliseconds;
   *     answers that overtook the 201 count as 0
   * @param fromRequest from sending the POST to the claim answer: the whole way of a build, for
   *     context
   * @param overtook claim answers that reached the runner before the 201 reached the user
   * @param missed builds no runner received within {@link #GIVE_UP_MS}
   */
  record Result(
      Stats.Summary latencies, Stats.Summary fromRequest, int overtook, int missed, int runners) {}

  private DispatchLatency() {}

  static Result run(
      HangarClient hangar,
      List<Instance> instances,
      String userToken,
      String pipelineId,
      List<Runner> runners,
      int builds) {
    Map<String, CompletableFuture<Long>> arrivals = new ConcurrentHashMap<>();
    AtomicBoolean stop = new AtomicBoolean();
    // However the users fare, the runners stop by then: each build gets at most GIVE_UP_MS.
    long hardStop = System.nanoTime() + (builds * GIVE_UP_MS + 60_000) * 1_000_000;
    List<Thread> runnerThreads = new ArrayList<>();
    for (int r = 0; r < runners.size(); r++) {
      Runner runner = runners.get(r);
      Instance instance = instances.get(r % instances.size());
      runnerThreads.add(
          Thread.ofVirtual()
              .name("bench-runner-" + r)
              .start(
                  () -> {
                    while (!stop.get() && System.nanoTime() < hardStop) {
                      Api.Reply reply = hangar.claim(instance, runner, WAIT_SECONDS);
                      if (reply.status() == 200) {
                        String buildId = reply.text("build_id");
                        arrivals
                            .computeIfAbsent(buildId, id -> new CompletableFuture<>())
                            .complete(reply.atNanos());
                        hangar.finish(
                            instance, runner, buildId, reply.json().path("attempt").asInt());
                      } else if (reply.status() != 204) {
                        Parallel.sleep(50);
                      }
                    }
                  }));
    }
    // Every runner's first claim finds nothing and starts waiting.
    Parallel.sleep(1_500);

    Samples samples = new Samples(builds);
    AtomicInteger next = new AtomicInteger();
    try {
      Parallel.run(
          instances.size(),
          u -> {
            while (next.getAndIncrement() < builds) {
              queueAndTime(hangar, instances.get(u), userToken, pipelineId, arrivals, samples);
            }
          });
    } finally {
      stop.set(true);
      Parallel.join(runnerThreads);
    }
    int n = samples.handed.get();
    return new Result(
        Stats.Summary.of(Arrays.copyOf(samples.latencies, n)),
        Stats.Summary.of(Arrays.copyOf(samples.fromRequest, n)),
        samples.overtook.get(),
        samples.missed.get(),
        runners.size());
  }

  /** What the users observed, filled in by several of them at once. */
  private static final class Samples {
    final double[] latencies;
    final double[] fromRequest;
    final AtomicInteger handed = new AtomicInteger();
    final AtomicInteger overtook = new AtomicInteger();
    final AtomicInteger missed = new AtomicInteger();

    Samples(int builds) {
      latencies = new double[builds];
      fromRequest = new double[builds];
    }
  }

  /**
   * One user action: queue a build, then wait until a runner reports having it, and note how long
   * that took.
   */
  private static void queueAndTime(
      HangarClient hangar,
      Instance instance,
      String userToken,
      String pipelineId,
      Map<String, CompletableFuture<Long>> arrivals,
      Samples samples) {
    Api.Reply created = hangar.createBuild(instance, userToken, pipelineId, "normal");
    if (created.status() != 201) {
      Parallel.sleep(50);
      return;
    }
    String buildId = created.text("id");
    try {
      long arrived =
          arrivals
              .computeIfAbsent(buildId, id -> new CompletableFuture<>())
              .get(GIVE_UP_MS, TimeUnit.MILLISECONDS);
      long nanos = arrived - created.atNanos();
      if (nanos < 0) {
        samples.overtook.incrementAndGet();
      }
      int i = samples.handed.getAndIncrement();
      samples.latencies[i] = Math.max(0, Stats.millis(nanos));
      samples.fromRequest[i] = Stats.millis(arrived - created.sentNanos());
    } catch (TimeoutException e) {
      samples.missed.incrementAndGet();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    } finally {
      arrivals.remove(buildId);
    }
  }
}
