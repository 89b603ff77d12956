package dev.hangar.api.artifacts;

import static dev.hangar.api.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hangar.api.support.ApiClient;
import dev.hangar.api.support.Given;
import dev.hangar.api.support.Hangar;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Artifacts under the lease rules, with 5 s leases and no dispatcher: an upload that was accepted
 * while the runner held the lease but arrived whole after the lease ran out is not listed, and a
 * finished build takes no more artifacts.
 */
class ArtifactLeasesIT {

  @TempDir static Path dataDir;
  private static Hangar hangar;
  private static ApiClient api;
  private static Given given;
  private static RedisCommands<String, String> redis;
  private static String ns;

  @BeforeAll
  static void start() {
    Map<String, Object> settings = new HashMap<>();
    settings.put("hangar.data-dir", dataDir);
    settings.put("hangar.lease-ttl", "5s");
    settings.put("hangar.heartbeat-interval", "2s");
    hangar = Hangar.start(1, 0, settings);
    api = hangar.client();
    given = new Given(api);
    redis = hangar.namespace().redis();
    ns = hangar.namespace().name();
  }

  @AfterAll
  static void stop() throws Exception {
    hangar.close();
  }

  private record Job(Given.Runner runner, String build, int attempt) {
    String path(String name) {
      return runner.path("/jobs/" + build + "/artifacts/" + name + "?attempt=" + attempt);
    }

    Map<String, String> headers(byte[] body) {
      return Map.of(
          "Authorization",
          "Bearer " + runner.token(),
          ArtifactUploads.CHECKSUM,
          SeededBytes.sha256(body));
    }
  }

  private static Job running() {
    Given.RunningJob job = given.runningJob();
    return new Job(job.runner(), job.build(), job.attempt());
  }

  private static boolean leaseOver(String build) {
    String deadline = redis.hget(ns + ":build:" + build, "lease_expires_at");
    List<String> time = redis.time();
    long now = Long.parseLong(time.get(0)) * 1000 + Long.parseLong(time.get(1)) / 1000;
    return deadline == null || Long.parseLong(deadline) < now;
  }

  private static List<Path> files(String build) throws IOException {
    Path dir = dataDir.resolve("blobs").resolve(ns).resolve("artifacts").resolve(build);
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).toList();
    }
  }

  private static List<String> listed(String build) {
    return api.get("/v1/builds/" + build + "/artifacts", given.adminToken())
        .expect(200)
        .json()
        .path("artifacts")
        .valueStream()
        .map(a -> a.path("name").asString())
        .toList();
  }

  @Test
  void anUploadThatOutlivesItsLeaseIsNotListed() throws IOException {
    Job job = running();
    byte[] body = SeededBytes.of(31, 50_000);
    Socket socket =
        Transfers.startUpload(
            hangar.api(0).baseUrl(),
            job.path("late.apk"),
            job.headers(body),
            body.length,
            Arrays.copyOf(body, 25_000));
    await().atMost(Duration.ofSeconds(10)).until(() -> !files(job.build()).isEmpty());

    await().atMost(Duration.ofSeconds(30)).until(() -> leaseOver(job.build()));
    int status = Transfers.finishUpload(socket, Arrays.copyOfRange(body, 25_000, body.length));

    assertThat(status).isEqualTo(409);
    assertThat(listed(job.build())).isEmpty();
    assertThat(files(job.build())).isEmpty();
    assertThat(redis.hkeys(ns + ":build:" + job.build() + ":artifact-space"))
        .noneMatch(field -> field.startsWith("upload:"));
  }

  @Test
  void aFinishedBuildTakesNoMoreArtifacts() throws IOException {
    Job job = running();
    api.post(
            job.runner().path("/jobs/" + job.build() + "/status"),
            job.runner().token(),
            Map.of("status", "succeeded", "attempt", job.attempt(), "exit_code", 0))
        .expect(200);
    byte[] body = SeededBytes.of(32, 1_000);

    assertProblem(
        Transfers.put(
            hangar.api(0).baseUrl() + job.path("after.apk"),
            job.headers(body),
            () -> new ByteArrayInputStream(body),
            body.length),
        409,
        "lease_lost");
    assertThat(listed(job.build())).isEmpty();
    assertThat(files(job.build())).isEmpty();
  }
}
