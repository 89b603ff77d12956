package dev.hangar.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/** Bounded fan-out on virtual threads: the simulated clients of every phase. */
final class Parallel {

  private Parallel() {}

  /** Runs {@code body} for 0..count-1, {@code workers} at a time, and returns when all are done. */
  static void forEachIndex(int count, int workers, IntConsumer body) {
    AtomicInteger next = new AtomicInteger();
    run(
        Math.min(workers, Math.max(count, 1)),
        w -> {
          for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
            body.accept(i);
          }
        });
  }

  /**
   * Starts {@code workers} virtual threads running {@code body(workerIndex)} and joins them all.
   */
  static void run(int workers, IntConsumer body) {
    List<Thread> threads = new ArrayList<>(workers);
    for (int w = 0; w < workers; w++) {
      int index = w;
      threads.add(Thread.ofVirtual().name("bench-client-" + w).start(() -> body.accept(index)));
    }
    join(threads);
  }

  static void join(List<Thread> threads) {
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for clients", e);
      }
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
