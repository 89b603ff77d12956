package dev.hangar.bench;

import dev.hangar.bench.Api.Reply;
import dev.hangar.bench.HangarClient.Instance;
import dev.hangar.bench.HangarClient.Runner;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Figure 6, live-log followers: {@link Mode#FOLLOWERS} clients follow {@link Mode#FOLLOWED_BUILDS}
 * builds' logs as Server-Sent Events on one api-service whose heap is capped, while the builds'
 * runners append through another instance; then the builds end. Every follower must receive every
 * byte of its build's log and the end event. Its heap is read from its own metrics throughout.
 */
final class LogFollowing {

  /** A chunk every this often from each runner. */
  static final Duration PACE = Duration.ofMillis(20);

  static final int CHUNK = 2 * 1024;
  private static final Duration CONNECT_LIMIT = Duration.ofSeconds(120);
  private static final Duration END_LIMIT = Duration.ofSeconds(120);
  private static final Pattern HEAP =
      Pattern.compile(
          "^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*} (\\S+)$", Pattern.MULTILINE);

  /** What the followers saw, and the instance's heap. */
  record Result(
      int followers,
      int connected,
      int complete,
      long logBytes,
      Stats.Summary latency,
      long heapPeakBytes,
      boolean alive) {}

  private LogFollowing() {}

  static Result run(
      HangarClient hangar,
      Api api,
      Instance appendVia,
      Instance followed,
      int managementPort,
      String user,
      List<Runner> runners,
      Duration window) {
    List<Job> jobs = new ArrayList<>();
    for (Runner runner : runners) {
      Reply claimed = hangar.claim(appendVia, runner, 5);
      if (claimed.status() != 200) {
        throw new IllegalStateException("no build for a follower figure runner: " + claimed.body());
      }
      String build = claimed.text("build_id");
      int attempt = claimed.json().path("attempt").asInt();
      hangar.status(appendVia, runner, build, "running", attempt);
      jobs.add(new Job(runner, build, attempt));
    }
    Map<String, Long> sentAt = new ConcurrentHashMap<>();
    HeapProbe heap = new HeapProbe(api, managementPort);
    List<Follower> followers = new CopyOnWriteArrayList<>();
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    try {
      for (int i = 0; i < Mode.FOLLOWERS; i++) {
        Job job = jobs.get(i % jobs.size());
        Follower follower = new Follower(job.build(), sentAt);
        followers.add(follower);
        Thread.ofVirtual()
            .name("bench-follower-" + i)
            .start(() -> follower.follow(http, followed, user));
      }
      await(() -> followers.stream().allMatch(Follower::answered), CONNECT_LIMIT);
      long deadline = System.nanoTime() + window.toNanos();
      byte[] chunk = new byte[CHUNK];
      java.util.Arrays.fill(chunk, (byte) 'f');
      chunk[CHUNK - 1] = '\n';
      Parallel.run(
          jobs.size(),
          i -> {
            Job job = jobs.get(i);
            long offset = 0;
            while (System.nanoTime() < deadline) {
              sentAt.put(job.build() + ":" + (offset + CHUNK), System.nanoTime());
              Reply appended =
                  hangar.appendLog(
                      appendVia, job.runner(), job.build(), job.attempt(), offset, chunk);
              if (appended.status() != 200) {
                return;
              }
              offset = appended.json().path("next_offset").asLong();
              Parallel.sleep(PACE.toMillis());
            }
            job.length().set(offset);
            hangar.status(appendVia, job.runner(), job.build(), "succeeded", job.attempt());
          });
      await(() -> followers.stream().allMatch(Follower::ended), END_LIMIT);
    } finally {
      heap.close();
      followers.forEach(Follower::close);
      http.close();
    }
    Map<String, Long> lengths = new java.util.HashMap<>();
    jobs.forEach(job -> lengths.put(job.build(), job.length().get()));
    int connected = (int) followers.stream().filter(f -> f.status == 200).count();
    int complete =
        (int) followers.stream().filter(f -> f.ended() && f.last == lengths.get(f.build)).count();
    double[] latencies =
        followers.stream()
            .flatMap(f -> f.latencies.stream())
            .mapToDouble(Double::doubleValue)
            .toArray();
    long logBytes = lengths.values().stream().mapToLong(Long::longValue).sum();
    return new Result(
        Mode.FOLLOWERS,
        connected,
        complete,
        logBytes,
        Stats.Summary.of(latencies),
        heap.peak(),
        followed.process().exitCode().isEmpty());
  }

  private record Job(Runner runner, String build, int attempt, AtomicLong length) {
    Job(Runner runner, String build, int attempt) {
      this(runner, build, attempt, new AtomicLong());
    }
  }

  private static void await(java.util.function.BooleanSupplier done, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return;
      }
      Parallel.sleep(100);
    }
  }

  /** One client on a build's event stream, noting when each event's last byte arrived. */
  private static final class Follower {
    private final String build;
    private final Map<String, Long> sentAt;
    private final List<Double> latencies = new ArrayList<>();
    private volatile int status;
    private volatile boolean ended;
    private volatile long last;
    private volatile InputStream body;

    Follower(String build, Map<String, Long> sentAt) {
      this.build = build;
      this.sentAt = sentAt;
    }

    void follow(HttpClient http, Instance instance, String user) {
      HttpRequest request =
          HttpRequest.newBuilder(
                  URI.create(instance.baseUrl() + "/v1/builds/" + build + "/logs/stream"))
              .header("Authorization", "Bearer " + user)
              .header("Accept", "text/event-stream")
              .build();
      try {
        HttpResponse<InputStream> response =
            http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        body = response.body();
        status = response.statusCode();
        BufferedReader lines =
            new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
        String id = null;
        String event = null;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          if (line.startsWith("id:")) {
            id = line.substring(3).trim();
          } else if (line.startsWith("event:")) {
            event = line.substring(6).trim();
          } else if (line.isEmpty() && id != null) {
            long at = System.nanoTime();
            last = Long.parseLong(id);
            Long sent = sentAt.get(build + ":" + id);
            if (sent != null && "log".equals(event)) {
              latencies.add(Stats.millis(at - sent));
            }
            if ("end".equals(event)) {
              ended = true;
              return;
            }
            id = null;
            event = null;
          }
        }
      } catch (IOException | InterruptedException | RuntimeException e) {
        status = status == 0 ? -1 : status;
      }
    }

    boolean answered() {
      return status != 0;
    }

    boolean ended() {
      return ended || status < 0;
    }

    void close() {
      InputStream open = body;
      if (open != null) {
        try {
          open.close();
        } catch (IOException ignored) {
          // the stream is gone either way
        }
      }
    }
  }

  /** Samples the followed instance's heap in use from its metrics, keeping the peak. */
  private static final class HeapProbe implements AutoCloseable {
    private final AtomicLong peak = new AtomicLong();
    private final Thread sampler;

    HeapProbe(Api api, int port) {
      sampler =
          Thread.ofPlatform()
              .daemon()
              .name("bench-heap")
              .start(
                  () -> {
                    while (!Thread.currentThread().isInterrupted()) {
                      Reply metrics =
                          api.get(
                              "http://127.0.0.1:" + port + "/actuator/prometheus",
                              null,
                              Duration.ofSeconds(5));
                      if (metrics.status() == 200) {
                        long used = 0;
                        Matcher m = HEAP.matcher(metrics.body());
                        while (m.find()) {
                          used += (long) Double.parseDouble(m.group(1));
                        }
                        peak.accumulateAndGet(used, Math::max);
                      }
                      try {
                        Thread.sleep(200);
                      } catch (InterruptedException e) {
                        return;
                      }
                    }
                  });
    }

    long peak() {
      return peak.get();
    }

    @Override
    public void close() {
      sampler.interrupt();
    }
  }
}
