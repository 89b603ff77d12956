package dev.hangar.bench;

import dev.hangar.bench.Api.Reply;
import dev.hangar.bench.HangarClient.Instance;
import dev.hangar.bench.HangarClient.Runner;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Figure 6, log ingest: runners spread over the main instances append output to their jobs' logs
 * back to back, in chunks of {@link #CHUNK}, for a fixed window. A runner whose log reaches {@link
 * #PER_BUILD} finishes that build (which archives its log to disk and frees Redis) and claims the
 * next, as a fleet running builds one after another would; the archiving is part of what is
 * measured.
 */
final class LogIngestRate {

  static final int CHUNK = 256 * 1024;
  static final long PER_BUILD = 8L * 1024 * 1024;

  /** What the window took in. */
  record Result(long bytes, long chunks, int builds, double seconds) {
    double megabytesPerSecond() {
      return bytes / seconds / 1_000_000;
    }
  }

  private LogIngestRate() {}

  /** Builds that, with room to spare, keep every runner busy through the window. */
  static int buildsNeeded(int runners, Duration window) {
    // 100 MB/s at most, split over the runners, a build every PER_BUILD bytes.
    long bytes = 100_000_000L * Math.max(1, window.toSeconds());
    return (int) (bytes / PER_BUILD) + 2 * runners;
  }

  static Result run(
      HangarClient hangar, List<Instance> apis, List<Runner> runners, Duration window) {
    byte[] chunk = chunk();
    AtomicLong bytes = new AtomicLong();
    AtomicLong chunks = new AtomicLong();
    AtomicInteger builds = new AtomicInteger();
    long start = System.nanoTime();
    long deadline = start + window.toNanos();
    Parallel.run(
        runners.size(),
        i -> {
          Instance instance = apis.get(i % apis.size());
          Runner runner = runners.get(i);
          while (System.nanoTime() < deadline) {
            Reply claimed = hangar.claim(instance, runner, 1);
            if (claimed.status() != 200) {
              continue;
            }
            String build = claimed.text("build_id");
            int attempt = claimed.json().path("attempt").asInt();
            if (!hangar.status(instance, runner, build, "running", attempt)) {
              return;
            }
            long offset = 0;
            while (offset < PER_BUILD && System.nanoTime() < deadline) {
              Reply appended = hangar.appendLog(instance, runner, build, attempt, offset, chunk);
              if (appended.status() != 200) {
                break;
              }
              offset = appended.json().path("next_offset").asLong();
              if (appended.atNanos() <= deadline) {
                bytes.addAndGet(chunk.length);
                chunks.incrementAndGet();
              }
            }
            if (hangar.status(instance, runner, build, "succeeded", attempt)) {
              builds.incrementAndGet();
            }
          }
        });
    return new Result(bytes.get(), chunks.get(), builds.get(), window.toNanos() / 1e9);
  }

  /** Build output as a build prints it: numbered lines of text. */
  private static byte[] chunk() {
    StringBuilder text = new StringBuilder(CHUNK + 100);
    for (int line = 1; text.length() < CHUNK; line++) {
      text.append(
          String.format("%06d > Task :app:compileReleaseKotlin (bench output line)%n", line));
    }
    return text.substring(0, CHUNK).getBytes(StandardCharsets.US_ASCII);
  }
}
