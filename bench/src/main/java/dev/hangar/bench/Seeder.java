package dev.hangar.bench;

import dev.hangar.bench.HangarClient.Instance;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Queues builds the way users do, {@code POST /v1/pipelines/{id}/builds} over HTTP from many
 * clients at once (no shortcut into Redis or the broker), round-robin over instances and pipelines.
 */
final class Seeder {

  static final int CONCURRENCY = 32;

  record Seeded(List<String> ids, double seconds, int failures) {

    double rate() {
      return ids.size() / seconds;
    }
  }

  private Seeder() {}

  static Seeded seed(
      HangarClient hangar,
      List<Instance> instances,
      String userToken,
      List<String> pipelineIds,
      int count,
      String priority) {
    String[] ids = new String[count];
    AtomicInteger failures = new AtomicInteger();
    long start = System.nanoTime();
    Parallel.forEachIndex(
        count,
        CONCURRENCY,
        i -> {
          Instance instance = instances.get(i % instances.size());
          String pipeline = pipelineIds.get(i % pipelineIds.size());
          // A failed create is retried once: a drain then waits for exactly the builds that exist.
          for (int attempt = 0; attempt < 2 && ids[i] == null; attempt++) {
            Api.Reply reply = hangar.createBuild(instance, userToken, pipeline, priority);
            if (reply.status() == 201) {
              ids[i] = reply.text("id");
            } else {
              failures.incrementAndGet();
            }
          }
        });
    double seconds = (System.nanoTime() - start) / 1e9;
    List<String> created = new ArrayList<>(count);
    for (String id : ids) {
      if (id != null) {
        created.add(id);
      }
    }
    return new Seeded(created, seconds, failures.get());
  }
}
