package dev.hangar.bench;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * Samples the resident set size of the Hangar processes every {@link #PERIOD_MS} in the background
 * and keeps the largest value seen per process and phase, so "RSS under load" is read during the
 * load.
 */
final class RssSampler implements AutoCloseable {

  static final long PERIOD_MS = 200;

  record Peak(String process, String phase, long kib) {}

  private final List<ServiceProcess> tracked = new CopyOnWriteArrayList<>();
  private final Map<String, Peak> peaks = new ConcurrentHashMap<>();
  private volatile String phase = "start-up";
  private final Thread sampler = Thread.ofPlatform().daemon().name("bench-rss").start(this::loop);

  void track(ServiceProcess process) {
    tracked.add(process);
  }

  void phase(String name) {
    phase = name;
  }

  /** The largest sample of each process, over the phases whose name passes {@code phases}. */
  Map<String, Peak> peaks(Predicate<String> phases) {
    Map<String, Peak> max = new TreeMap<>();
    peaks.values().stream()
        .filter(p -> phases.test(p.phase()))
        .forEach(p -> max.merge(p.process(), p, (a, b) -> a.kib() >= b.kib() ? a : b));
    return max;
  }

  private void loop() {
    while (!Thread.currentThread().isInterrupted()) {
      String now = phase;
      for (ServiceProcess p : tracked) {
        p.rssKib()
            .ifPresent(
                kib ->
                    peaks.merge(
                        p.name() + "\u0000" + now,
                        new Peak(p.name(), now, kib),
                        (a, b) -> a.kib() >= b.kib() ? a : b));
      }
      try {
        Thread.sleep(PERIOD_MS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  @Override
  public void close() {
    sampler.interrupt();
  }
}
