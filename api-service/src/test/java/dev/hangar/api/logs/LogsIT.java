package dev.hangar.api.logs;

import static dev.hangar.api.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hangar.api.support.ApiClient;
import dev.hangar.api.support.Given;
import dev.hangar.api.support.Hangar;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Build logs end to end (docs/logs.md), on two api-service instances and a dispatcher: a runner
 * appends chunks at byte offsets through one instance, people read and follow the log through
 * either, finished logs move to their files and leave Redis (RetentionIT deletes old ones).
 */
class LogsIT {

  private static final Duration SOON = Duration.ofSeconds(20);
  private static final int MAX_BYTES = 64 * 1024;
  private static final AtomicInteger LANES = new AtomicInteger();

  @TempDir static Path dataDir;
  private static Hangar hangar;
  private static ApiClient api;
  private static Given given;
  private static RedisCommands<String, String> redis;
  private static String ns;

  @BeforeAll
  static void start() {
    hangar =
        Hangar.start(
            2,
            1,
            Map.of(
                "hangar.data-dir", dataDir, "hangar.log-max-bytes", Integer.toString(MAX_BYTES)));
    api = hangar.client(0);
    given = new Given(api);
    redis = hangar.namespace().redis();
    ns = hangar.namespace().name();
  }

  @AfterAll
  static void stop() throws Exception {
    hangar.close();
  }

  /** The path a job's runner sends its log to under {@code attempt}, from {@code offset}. */
  private static String logs(Given.RunningJob job, int attempt, long offset) {
    return job.runner()
        .path("/jobs/" + job.build() + "/logs?attempt=" + attempt + "&offset=" + offset);
  }

  private static ApiClient.Response append(
      ApiClient client, Given.RunningJob job, long offset, byte[] chunk) {
    return client.send(
        "POST", logs(job, 1, offset), job.runner().token(), chunk, "application/octet-stream");
  }

  private static ApiClient.Response append(Given.RunningJob job, long offset, String text) {
    return append(api, job, offset, text.getBytes(StandardCharsets.UTF_8));
  }

  private static ApiClient.Response read(String build, long offset) {
    return api.get("/v1/builds/" + build + "/logs?offset=" + offset, given.adminToken());
  }

  private static String log(String build) {
    return read(build, 0).expect(200).body();
  }

  private static Path file(String build) {
    return dataDir.resolve("blobs").resolve(ns).resolve("logs").resolve(build + ".log");
  }

  private static String liveKey(String build) {
    return ns + ":log:" + build;
  }

  @Test
  void aChunkSentTwiceIsStoredOnceAndTheAnswerSaysWhereToGoOn() {
    Given.RunningJob job = given.runningJob();

    JsonNode first = append(job, 0, "hello\n").expect(200).json();
    JsonNode again = append(job, 0, "hello\n").expect(200).json();
    append(job, 6, "world\n").expect(200);

    assertThat(first.path("next_offset").asLong()).isEqualTo(6);
    assertThat(again.path("next_offset").asLong()).isEqualTo(6);
    assertThat(log(job.build())).isEqualTo("hello\nworld\n");
  }

  @Test
  void aChunkOverlappingWhatWasStoredAddsOnlyItsNewEnd() {
    Given.RunningJob job = given.runningJob();
    append(job, 0, "one\n").expect(200);

    JsonNode answer = append(job, 2, "e\ntwo\n").expect(200).json();

    assertThat(answer.path("next_offset").asLong()).isEqualTo(8);
    assertThat(log(job.build())).isEqualTo("one\ntwo\n");
  }

  @Test
  void aGapIsAnswered416WithTheOffsetTheServerExpects() {
    Given.RunningJob job = given.runningJob();
    append(job, 0, "0123456789").expect(200);

    ApiClient.Response gap = append(job, 15, "later");

    JsonNode problem = assertProblem(gap, 416, "unexpected_offset");
    assertThat(problem.path("expected_offset").asLong()).isEqualTo(10);
    assertThat(gap.header("Range")).isEqualTo("0-10");
    assertThat(log(job.build())).isEqualTo("0123456789");
  }

  @Test
  void theRunnersTokenIsMaskedAlsoWhenAChunkBoundaryCutsIt() {
    Given.RunningJob job = given.runningJob();
    String token = job.runner().token();
    String line = "token=" + token + " and again " + token + "\n";
    int cut = line.indexOf(token) + 20;

    append(job, 0, line.substring(0, cut)).expect(200);
    append(job, cut, line.substring(cut)).expect(200);

    assertThat(log(job.build())).isEqualTo("token=[masked] and again [masked]\n");
    assertThat(redis.get(liveKey(job.build()))).doesNotContain(token.substring(0, 20));
    assertThat(redis.hgetall(liveKey(job.build()) + ":state").toString())
        .doesNotContain(token.substring(0, 20));
  }

  @Test
  void aLogPastTheLimitEndsWithAMarkerAndFurtherChunksAreRefused() {
    Given.RunningJob job = given.runningJob();
    byte[] block = new byte[40 * 1024];
    Arrays.fill(block, (byte) 'x');

    append(api, job, 0, block).expect(200);
    ApiClient.Response over = append(api, job, block.length, block);
    ApiClient.Response after = append(api, job, 2L * block.length, block);

    assertProblem(over, 413, "log_limit_reached");
    assertProblem(after, 413, "log_limit_reached");
    String stored = log(job.build());
    assertThat(stored).startsWith("x".repeat(MAX_BYTES));
    assertThat(stored.substring(MAX_BYTES))
        .startsWith("\n[hangar: the log reached HANGAR_LOG_MAX_BYTES (" + MAX_BYTES + " bytes)");
  }

  @Test
  void aFollowerOnTheOtherInstanceGetsEveryByteInOrderAndTheEnd() throws Exception {
    Given.RunningJob job = given.runningJob();
    byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
    try (EventStream follower =
        EventStream.open(
            hangar.api(1).baseUrl(),
            "/v1/builds/" + job.build() + "/logs/stream",
            given.adminToken(),
            null)) {
      await().atMost(SOON).until(() -> follower.status() == 200);
      assertThat(follower.contentType()).startsWith("text/event-stream");

      StringBuilder sent = new StringBuilder();
      long offset = 0;
      for (int i = 1; i <= 20; i++) {
        String text = "line " + i + "\n";
        offset = append(job, offset, text).expect(200).json().path("next_offset").asLong();
        sent.append(text);
      }
      // A character cut by a chunk boundary reaches the follower whole.
      append(api, job, offset, new byte[] {'a', euro[0]}).expect(200);
      append(api, job, offset + 2, new byte[] {euro[1], euro[2], '\n'}).expect(200);
      sent.append("a€\n");
      await().atMost(SOON).until(() -> follower.text().equals(sent.toString()));
      given.succeeded(job);

      await().atMost(SOON).until(() -> follower.end().isPresent());
      JsonNode end = follower.end().orElseThrow().json();
      assertThat(end.path("status").asString()).isEqualTo("succeeded");
      assertThat(end.path("offset").asLong())
          .isEqualTo(sent.toString().getBytes(StandardCharsets.UTF_8).length);
      assertThat(follower.text()).isEqualTo(sent.toString());
      List<Long> ids = follower.events().stream().map(e -> Long.parseLong(e.id())).toList();
      assertThat(ids).isSorted();
      await().atMost(SOON).until(follower::ended);
    }
  }

  @Test
  void lastEventIdResumesAtThatByte() throws Exception {
    Given.RunningJob job = given.runningJob();
    append(job, 0, "first\nsecond\n").expect(200);
    try (EventStream resumed =
        EventStream.open(
            hangar.api(1).baseUrl(),
            "/v1/builds/" + job.build() + "/logs/stream",
            given.adminToken(),
            "6")) {
      await().atMost(SOON).until(() -> resumed.text().equals("second\n"));
      append(job, 13, "third\n").expect(200);
      await().atMost(SOON).until(() -> resumed.text().equals("second\nthird\n"));
      assertThat(resumed.events().getLast().id()).isEqualTo("19");
    }
    given.succeeded(job);
  }

  @Test
  void aFinishedBuildsLogIsFollowedToItsEndAtOnce() throws Exception {
    Given.RunningJob job = given.runningJob();
    append(job, 0, "all of it\n").expect(200);
    given.succeeded(job);
    await().atMost(SOON).until(() -> Files.exists(file(job.build())));

    try (EventStream late =
        EventStream.open(
            hangar.api(0).baseUrl(),
            "/v1/builds/" + job.build() + "/logs/stream",
            given.adminToken(),
            null)) {
      await().atMost(SOON).until(() -> late.end().isPresent());
      assertThat(late.text()).isEqualTo("all of it\n");
      assertThat(late.end().orElseThrow().json().path("status").asString()).isEqualTo("succeeded");
    }
  }

  @Test
  void aFinishedLogMovesToItsFileAndLeavesRedis() throws Exception {
    Given.RunningJob job = given.runningJob();
    append(job, 0, "built\n").expect(200);
    ApiClient.Response live = read(job.build(), 0).expect(200);
    assertThat(live.header("Hangar-Log-Complete")).isEqualTo("false");
    assertThat(live.header("Hangar-Next-Offset")).isEqualTo("6");
    assertThat(redis.sismember(ns + ":logs:live", job.build())).isTrue();

    given.succeeded(job);

    await().atMost(SOON).until(() -> Files.exists(file(job.build())));
    await()
        .atMost(SOON)
        .until(() -> redis.exists(liveKey(job.build()), liveKey(job.build()) + ":state") == 0);
    assertThat(redis.sismember(ns + ":logs:live", job.build())).isFalse();
    assertThat(Files.readString(file(job.build()))).isEqualTo("built\n");
    ApiClient.Response finished = read(job.build(), 2).expect(200);
    assertThat(finished.body()).isEqualTo("ilt\n");
    assertThat(finished.contentType()).startsWith("text/plain");
    assertThat(finished.header("Hangar-Log-Complete")).isEqualTo("true");
    assertThat(finished.header("Hangar-Next-Offset")).isEqualTo("6");
    // The file, not a copy somewhere else, is what is read.
    Files.writeString(file(job.build()), "edited\n");
    assertThat(log(job.build())).isEqualTo("edited\n");
  }

  @Test
  void aBuildThatNeverLoggedHasAnEmptyLog() {
    // A lane of its own, like every build here: a label-less build could go to any test's runner.
    String lane = "logs" + LANES.incrementAndGet();
    String build = given.build(given.pipeline(given.project(), "android", List.of(lane), Map.of()));

    ApiClient.Response empty = read(build, 0).expect(200);

    assertThat(empty.body()).isEmpty();
    assertThat(empty.header("Hangar-Log-Complete")).isEqualTo("false");
    api.post("/v1/builds/" + build + "/cancel", given.adminToken(), null).expect(200);
    assertThat(read(build, 0).header("Hangar-Log-Complete")).isEqualTo("true");
  }

  @Test
  void badInputIsRefusedWithAStableCode() {
    Given.RunningJob job = given.runningJob();
    String token = job.runner().token();
    String base = job.runner().path("/jobs/" + job.build() + "/logs");
    byte[] chunk = "x".getBytes(StandardCharsets.UTF_8);

    for (String query :
        List.of(
            "?attempt=1",
            "?attempt=1&offset=",
            "?attempt=1&offset=abc",
            "?attempt=1&offset=-1",
            "?attempt=1&offset=1.5")) {
      assertThat(refusedField(api, base + query, token, chunk)).as(query).isEqualTo("offset");
    }
    for (String query : List.of("?offset=0", "?attempt=0&offset=0", "?attempt=one&offset=0")) {
      assertThat(refusedField(api, base + query, token, chunk)).as(query).isEqualTo("attempt");
    }
    for (String type :
        List.of("application/json", "application/x-www-form-urlencoded", "garbage")) {
      assertProblem(
          api.send("POST", logs(job, 1, 0), token, chunk, type), 415, "unsupported_media_type");
    }
    assertThat(append(job, 0, "plain text").status()).isEqualTo(200);
    assertThat(
            api.send(
                    "POST",
                    logs(job, 1, 10),
                    token,
                    " more".getBytes(StandardCharsets.UTF_8),
                    "text/plain; charset=ISO-8859-1")
                .status())
        .isEqualTo(200);
    byte[] large = new byte[1024 * 1024 + 1];
    assertProblem(append(api, job, 15, large), 413, "payload_too_large");
    assertProblem(
        api.sendChunked("POST", logs(job, 1, 15), token, large, "application/octet-stream"),
        413,
        "payload_too_large");
    assertProblem(
        api.send("POST", logs(job, 1, 0), given.adminToken(), chunk, "application/octet-stream"),
        401,
        "unauthorized");
    Given.Runner other = given.runner("android");
    assertProblem(
        api.send(
            "POST",
            other.path("/jobs/" + job.build() + "/logs?attempt=1&offset=0"),
            other.token(),
            chunk,
            "application/octet-stream"),
        403,
        "not_your_job");
    assertProblem(
        api.send(
            "POST",
            job.runner().path("/jobs/build_aaaaaaaaaaaaaaaa/logs?attempt=1&offset=0"),
            token,
            chunk,
            "application/octet-stream"),
        404,
        "job_not_found");
    assertProblem(
        api.send(
            "POST",
            job.runner().path("/jobs/nonsense/logs?attempt=1&offset=0"),
            token,
            chunk,
            "application/octet-stream"),
        404,
        "job_not_found");
    assertProblem(
        api.send("POST", logs(job, 2, 0), token, chunk, "application/octet-stream"),
        409,
        "lease_lost");

    String admin = given.adminToken();
    for (String offset : List.of("abc", "-1", "9223372036854775808")) {
      assertProblem(
          api.get("/v1/builds/" + job.build() + "/logs?offset=" + offset, admin),
          400,
          "validation_failed");
    }
    ApiClient.Response beyond = read(job.build(), 16);
    assertProblem(beyond, 416, "offset_beyond_end");
    assertThat(beyond.header("Content-Range")).isEqualTo("bytes */15");
    assertProblem(api.get("/v1/builds/build_aaaaaaaaaaaaaaaa/logs", admin), 404, "build_not_found");
    assertProblem(api.get("/v1/builds/" + job.build() + "/logs", token), 401, "unauthorized");
    assertProblem(
        api.sendWithHeaders(
            "GET",
            "/v1/builds/" + job.build() + "/logs/stream",
            Map.of(
                "Authorization",
                "Bearer " + admin,
                "Accept",
                "text/event-stream",
                "Last-Event-ID",
                "x"),
            null),
        400,
        "validation_failed");
    assertProblem(
        api.sendWithHeaders(
            "GET",
            "/v1/builds/" + job.build() + "/logs/stream",
            Map.of(
                "Authorization",
                "Bearer " + admin,
                "Accept",
                "text/event-stream",
                "Last-Event-ID",
                "99"),
            null),
        416,
        "offset_beyond_end");
    assertProblem(
        api.sendWithHeaders(
            "GET",
            "/v1/builds/build_aaaaaaaaaaaaaaaa/logs/stream",
            Map.of("Authorization", "Bearer " + admin, "Accept", "text/event-stream"),
            null),
        404,
        "build_not_found");
    assertThat(log(job.build())).isEqualTo("plain text more");
  }

  /** The field a 400 validation_failed names for a chunk appended at this URL. */
  private static String refusedField(ApiClient api, String url, String token, byte[] chunk) {
    return assertProblem(
            api.send("POST", url, token, chunk, "application/octet-stream"),
            400,
            "validation_failed")
        .path("errors")
        .get(0)
        .path("field")
        .asString();
  }
}
