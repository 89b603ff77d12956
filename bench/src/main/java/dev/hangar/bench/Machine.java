package dev.hangar.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** What the figures were measured on, read from /proc and the services themselves. */
record Machine(
    int cpus,
    String memory,
    String cpuModel,
    String os,
    String kernel,
    String jdk,
    String redis,
    String rabbitmq) {

  static Machine describe(Services services) {
    return new Machine(
        Runtime.getRuntime().availableProcessors(),
        firstField("/proc/meminfo", "MemTotal:").map(Machine::kibToGib).orElse("?"),
        firstField("/proc/cpuinfo", "model name")
            .map(v -> v.replaceFirst("^\\s*:\\s*", ""))
            .orElse("?"),
        firstField("/etc/os-release", "PRETTY_NAME=")
            .map(v -> v.replace("\"", ""))
            .orElse(System.getProperty("os.name")),
        System.getProperty("os.version"),
        System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"),
        services.redisVersion(),
        services.rabbitVersion());
  }

  /** The 1, 5 and 15 minute load averages: how busy the machine was besides the bench. */
  static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException e) {
      return "?";
    }
  }

  String markdown() {
    return "- CPU: "
        + cpus
        + " × "
        + cpuModel
        + "\n"
        + "- memory: "
        + memory
        + "\n"
        + "- OS: "
        + os
        + " (kernel "
        + kernel
        + ")\n"
        + "- JDK: "
        + jdk
        + "\n"
        + "- Redis "
        + redis
        + ", RabbitMQ "
        + rabbitmq
        + "\n";
  }

  private static Optional<String> firstField(String file, String prefix) {
    try {
      List<String> lines = Files.readAllLines(Path.of(file));
      return lines.stream()
          .filter(l -> l.startsWith(prefix))
          .map(l -> l.substring(prefix.length()).trim())
          .findFirst();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static String kibToGib(String field) {
    long kib = Long.parseLong(field.replaceAll("[^0-9]", ""));
    return String.format("%.1f GiB", kib / 1024.0 / 1024.0);
  }
}
