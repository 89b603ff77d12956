package dev.hangar.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time of the processes that share the machine during a measurement (the Hangar processes, the
 * bench itself, Redis, RabbitMQ), from /proc: on two cores the load generator competes with what it
 * measures, and this shows by how much.
 */
final class CpuMeter {

  /**
   * Linux reports process CPU time in clock ticks of 1/100 s (USER_HZ) on every common platform.
   */
  private static final double TICKS_PER_SECOND = 100;

  /**
   * CPU ticks per watched process, and the whole machine's busy ticks (all processes, all cores).
   */
  record Sample(long nanos, Map<String, Long> ticks, long machineBusy) {}

  private final Map<String, List<Long>> pids = new LinkedHashMap<>();

  CpuMeter() {
    watch("bench", ProcessHandle.current().pid());
    findByName("redis-server").forEach(pid -> watch("redis", pid));
    findByName("beam.smp").forEach(pid -> watch("rabbitmq", pid));
  }

  void watch(String name, long pid) {
    pids.computeIfAbsent(name, n -> new ArrayList<>()).add(pid);
  }

  Sample sample() {
    Map<String, Long> ticks = new LinkedHashMap<>();
    pids.forEach((name, list) -> ticks.put(name, list.stream().mapToLong(CpuMeter::ticksOf).sum()));
    return new Sample(System.nanoTime(), ticks, machineBusyTicks());
  }

  /**
   * Each process's CPU between two samples in % of one core, busiest first, e.g. {@code api-1 120
   * %, bench 60 %}.
   */
  static String between(Sample from, Sample to) {
    double seconds = (to.nanos() - from.nanos()) / 1e9;
    Map<String, Double> percent = new LinkedHashMap<>();
    cpuSeconds(from, to).forEach((name, cpu) -> percent.put(name, cpu / seconds * 100));
    double watched = percent.values().stream().mapToDouble(Double::doubleValue).sum();
    // What else ran meanwhile (other people's builds on a shared machine, the kernel): the noise.
    percent.put(
        "other processes",
        Math.max(
            0,
            (to.machineBusy() - from.machineBusy()) / TICKS_PER_SECOND / seconds * 100 - watched));
    double total = percent.values().stream().mapToDouble(Double::doubleValue).sum();
    return busiestFirst(percent, " %")
        + String.format(
            "; together %.0f %% of the machine's %d %%",
            total, Runtime.getRuntime().availableProcessors() * 100);
  }

  /**
   * Each process's CPU time per operation between two samples in µs, busiest first, e.g. {@code
   * api-1 170 µs, rabbitmq 300 µs}: unlike a share of the cores, it compares across runs of
   * different rates (a broker that costs more per claim when claims come slower shows here, not in
   * its share).
   */
  static String perOperation(Sample from, Sample to, long operations) {
    Map<String, Double> micros = new LinkedHashMap<>();
    cpuSeconds(from, to)
        .forEach((name, cpu) -> micros.put(name, cpu * 1e6 / Math.max(1, operations)));
    return busiestFirst(micros, " µs");
  }

  private static Map<String, Double> cpuSeconds(Sample from, Sample to) {
    Map<String, Double> seconds = new LinkedHashMap<>();
    to.ticks()
        .forEach(
            (name, t) ->
                seconds.put(name, (t - from.ticks().getOrDefault(name, t)) / TICKS_PER_SECOND));
    return seconds;
  }

  private static String busiestFirst(Map<String, Double> figures, String unit) {
    StringBuilder out = new StringBuilder();
    figures.entrySet().stream()
        .filter(e -> e.getValue() >= 1)
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .forEach(
            e -> {
              if (!out.isEmpty()) {
                out.append(", ");
              }
              out.append(e.getKey()).append(' ').append(Math.round(e.getValue())).append(unit);
            });
    return out.toString();
  }

  /** Busy ticks of all cores since boot: the first line of /proc/stat minus idle and iowait. */
  private static long machineBusyTicks() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
      long total = 0;
      for (int i = 1;
          i < f.length && i <= 7;
          i++) { // user nice system idle iowait irq softirq (not steal)
        total += Long.parseLong(f[i]);
      }
      return total - Long.parseLong(f[4]) - Long.parseLong(f[5]);
    } catch (IOException | RuntimeException notLinux) {
      return 0;
    }
  }

  private static long ticksOf(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // Fields after the command name, which is in parentheses and may contain spaces: utime and
      // stime are 14th and 15th.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    } catch (IOException | RuntimeException gone) {
      return 0;
    }
  }

  private static List<Long> findByName(String command) {
    List<Long> found = new ArrayList<>();
    try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path dir : proc) {
        try {
          if (Files.readString(dir.resolve("comm")).trim().equals(command)) {
            found.add(Long.parseLong(dir.getFileName().toString()));
          }
        } catch (IOException | RuntimeException gone) {
          // a process that ended while we looked
        }
      }
    } catch (IOException notLinux) {
      // no /proc: no CPU figures
    }
    return found;
  }
}
