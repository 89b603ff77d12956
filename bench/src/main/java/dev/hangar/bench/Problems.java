package dev.hangar.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Answers Hangar gave that the bench did not expect (5xx, refusals, broken connections), counted
 * per call and status with a sample body each, so a run under load also reports what went wrong.
 */
final class Problems {

  private record Key(String call, int status) {}

  private final Map<Key, AtomicInteger> counts = new ConcurrentHashMap<>();
  private final Map<Key, String> samples = new ConcurrentHashMap<>();
  private volatile String phase = "set-up";

  /**
   * What the bench is measuring now; answers are reported with it, so a reader knows where they
   * came from.
   */
  void phase(String name) {
    phase = name;
  }

  /** {@code status} -1 stands for a request that got no HTTP answer at all. */
  void unexpected(String call, int status, String body) {
    Key key = new Key(phase + ": " + call, status);
    counts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    samples.putIfAbsent(
        key, body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "…" : body);
  }

  int total() {
    return counts.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  int serverErrors() {
    return counts.entrySet().stream()
        .filter(e -> e.getKey().status() >= 500)
        .mapToInt(e -> e.getValue().get())
        .sum();
  }

  int noAnswer() {
    return counts.entrySet().stream()
        .filter(e -> e.getKey().status() < 0)
        .mapToInt(e -> e.getValue().get())
        .sum();
  }

  /**
   * One line per call and status, e.g. {@code claim: HTTP 503 ×2, e.g. {...}}; empty when all went
   * as expected.
   */
  String describe() {
    StringBuilder out = new StringBuilder();
    Map<String, Integer> sorted = new TreeMap<>();
    counts.forEach((k, v) -> sorted.put(k.call() + "\u0000" + k.status(), v.get()));
    sorted.forEach(
        (k, n) -> {
          String[] parts = k.split("\u0000");
          Key key = new Key(parts[0], Integer.parseInt(parts[1]));
          String status = key.status() < 0 ? "no answer" : "HTTP " + key.status();
          out.append("- ")
              .append(key.call())
              .append(": ")
              .append(status)
              .append(" ×")
              .append(n)
              .append(", e.g. `")
              .append(samples.get(key).replace('`', '\'').replace('\n', ' '))
              .append("`\n");
        });
    return out.toString();
  }
}
