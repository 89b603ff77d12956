package dev.hangar.bench;

import dev.hangar.bench.Api.Reply;
import dev.hangar.bench.HangarClient.Instance;
import dev.hangar.bench.HangarClient.Runner;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Figure 7, artifacts through one api-service: {@link #STREAMS} clients at once upload a job's
 * artifacts (as runners finishing their builds would), then download them all again, each checking
 * the SHA-256 of what it got. Both directions go through the same instance and its blob store (a
 * directory by default), so the figures include the digest the server checks on the way in and the
 * disk on both ways.
 */
final class ArtifactTransfer {

  static final int STREAMS = 4;

  private static final Duration CALL = Duration.ofMinutes(5);

  /**
   * One direction's outcome; {@code intact} counts the transfers that were accepted (upload) or
   * arrived whole with the right digest (download).
   */
  record Direction(long bytes, int intact, int tried, double seconds) {
    double megabytesPerSecond() {
      return bytes / seconds / 1_000_000;
    }
  }

  record Result(Direction upload, Direction download) {}

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .executor(Executors.newVirtualThreadPerTaskExecutor())
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  private final byte[] content;
  private final String sha256;

  /** Artifacts of {@code size} bytes, all with the same content: incompressible, like an IPA. */
  ArtifactTransfer(int size) {
    content = new byte[size];
    new Random(7).nextBytes(content);
    sha256 = HexFormat.of().formatHex(digest().digest(content));
  }

  /**
   * Uploads {@code count} artifacts to the running job, then downloads each through the same
   * instance.
   */
  Result run(Instance instance, Runner runner, String build, int attempt, String user, int count) {
    Direction upload = timed(count, i -> upload(instance, runner, build, attempt, name(i)));
    Direction download = timed(count, i -> download(instance, user, build, name(i)));
    return new Result(upload, download);
  }

  private interface Transfer {
    /** The bytes moved, or -1 when the transfer failed. */
    long bytes(int index) throws IOException, InterruptedException;
  }

  private Direction timed(int count, Transfer transfer) {
    AtomicInteger intact = new AtomicInteger();
    AtomicLong bytes = new AtomicLong();
    long start = System.nanoTime();
    Parallel.forEachIndex(
        count,
        STREAMS,
        i -> {
          try {
            long moved = transfer.bytes(i);
            if (moved >= 0) {
              bytes.addAndGet(moved);
              intact.incrementAndGet();
            }
          } catch (IOException e) {
            Console.progress("  artifact transfer %d failed: %s", i, e);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    return new Direction(bytes.get(), intact.get(), count, (System.nanoTime() - start) / 1e9);
  }

  private long upload(Instance instance, Runner runner, String build, int attempt, String name)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(
                    instance.baseUrl()
                        + "/v1/runners/"
                        + runner.id()
                        + "/jobs/"
                        + build
                        + "/artifacts/"
                        + name
                        + "?attempt="
                        + attempt))
            .timeout(CALL)
            .header("Authorization", "Bearer " + runner.token())
            .header("Content-Type", "application/octet-stream")
            .header("Hangar-Content-SHA256", sha256)
            .PUT(HttpRequest.BodyPublishers.ofByteArray(content))
            .build();
    HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 201) {
      Console.progress("  upload of %s answered %d: %s", name, answer.statusCode(), answer.body());
      return -1;
    }
    return content.length;
  }

  private long download(Instance instance, String user, String build, String name)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(instance.baseUrl() + "/v1/builds/" + build + "/artifacts/" + name))
            .timeout(CALL)
            .header("Authorization", "Bearer " + user)
            .GET()
            .build();
    HttpResponse<InputStream> answer =
        http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    MessageDigest digest = digest();
    long received = 0;
    try (InputStream body = answer.body()) {
      byte[] buffer = new byte[1 << 16];
      for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
        digest.update(buffer, 0, n);
        received += n;
      }
    }
    boolean whole =
        answer.statusCode() == 200
            && received == content.length
            && HexFormat.of().formatHex(digest.digest()).equals(sha256);
    if (!whole) {
      Console.progress(
          "  download of %s answered %d with %,d bytes and another digest",
          name, answer.statusCode(), received);
    }
    return whole ? received : -1;
  }

  /** Claims the one build queued for the figure and reports it running. */
  static Reply claimRunning(HangarClient hangar, Instance instance, Runner runner) {
    Reply claimed = hangar.claim(instance, runner, 5);
    if (claimed.status() != 200) {
      throw new IllegalStateException("no build for the artifact figure: " + claimed.body());
    }
    int attempt = claimed.json().path("attempt").asInt();
    if (!hangar.status(instance, runner, claimed.text("build_id"), "running", attempt)) {
      throw new IllegalStateException("the artifact figure's build could not start");
    }
    return claimed;
  }

  private static String name(int index) {
    return "app-" + index + ".ipa";
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
