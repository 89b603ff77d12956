package dev.hangar.api.logs;

import static dev.hangar.api.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hangar.api.retention.PastExpiry;
import dev.hangar.api.support.ApiClient;
import dev.hangar.api.support.Given;
import dev.hangar.testing.HangarProcess;
import dev.hangar.testing.HangarProcesses;
import dev.hangar.testing.TestNamespace;
import dev.hangar.testing.TestSecrets;
import dev.hangar.testing.storage.LocalS3Server;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Logs as the packaged api-service and dispatcher keep them when run as production runs them, with
 * {@code HANGAR_STORAGE=s3} against a local S3-compatible server and {@code
 * HANGAR_LOG_FORMAT=json}:
 *
 * <ul>
 *   <li>an ended build's log is archived as an object, served in ranges from it, and deleted when
 *       its retention runs out;
 *   <li>each process writes one JSON object a line, and each dispatch event (claim, report, lease
 *       expiry and requeue, cancel) carries build_id, runner_id and attempt as fields; no token,
 *       password or key is ever among them.
 * </ul>
 *
 * One pair of processes serves both: each costs a JVM's start.
 */
class PackagedLogsIT {

  private static final Duration SOON = Duration.ofSeconds(20);
  private static final String PREFIX = "hangar-it";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static LocalS3Server s3;
  private static S3Client bucket;
  private static TestNamespace namespace;
  private static HangarProcess apiProcess;
  private static HangarProcess dispatcher;
  private static ApiClient api;
  private static Given given;
  private static RedisCommands<String, String> redis;
  private static String ns;

  @BeforeAll
  static void start() {
    // The three boot side by side: Hangar's processes do not touch the bucket until asked to.
    s3 = LocalS3Server.launch();
    namespace = TestNamespace.create();
    ns = namespace.name();
    redis = namespace.redis();
    Map<String, Object> settings = new HashMap<>(s3.processSettings(PREFIX));
    settings.put("hangar.log-format", "json");
    // Short enough that the requeue the dispatch events include comes soon; long enough that the
    // jobs of the archive tests, reported on at once, keep theirs on a busy machine.
    settings.put("hangar.lease-ttl", "4s");
    settings.put("hangar.heartbeat-interval", "1s");
    apiProcess = HangarProcesses.launchApi(namespace, settings);
    dispatcher = HangarProcesses.launchDispatcher(namespace, settings);
    bucket = s3.awaitReady().client();
    apiProcess.awaitHealthy();
    dispatcher.awaitHealthy();
    api = new ApiClient(apiProcess.baseUrl());
    given = new Given(api);
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable resource : new AutoCloseable[] {dispatcher, apiProcess, bucket, s3}) {
      if (resource != null) {
        resource.close();
      }
    }
    if (namespace != null) {
      namespace.close();
    }
  }

  private static void append(Given.RunningJob job, String text) {
    api.send(
            "POST",
            job.runner().path("/jobs/" + job.build() + "/logs?attempt=1&offset=0"),
            job.runner().token(),
            text.getBytes(StandardCharsets.UTF_8),
            "application/octet-stream")
        .expect(200);
  }

  private static ApiClient.Response read(String build, long offset) {
    return api.get("/v1/builds/" + build + "/logs?offset=" + offset, given.adminToken());
  }

  private static String objectName(String build) {
    return PREFIX + "/" + ns + "/logs/" + build + ".log";
  }

  /** The archived log as the bucket holds it; null when there is no such object. */
  private static String object(String build) {
    try {
      return bucket
          .getObjectAsBytes(b -> b.bucket(LocalS3Server.BUCKET).key(objectName(build)))
          .asUtf8String();
    } catch (NoSuchKeyException e) {
      return null;
    }
  }

  private static void awaitArchived(String build) {
    await().atMost(SOON).until(() -> object(build) != null);
    await()
        .atMost(SOON)
        .until(() -> redis.exists(ns + ":log:" + build, ns + ":log:" + build + ":state") == 0);
  }

  /** A build whose log holds {@code text}, ended and archived to the bucket. */
  private static String archivedBuild(String text) {
    Given.RunningJob job = given.runningJob();
    append(job, text);
    given.succeeded(job);
    awaitArchived(job.build());
    return job.build();
  }

  @Test
  void aFinishedLogIsStoredInTheBucketAndReadFromItInRanges() throws Exception {
    String build = archivedBuild("built in s3\n");

    assertThat(object(build)).isEqualTo("built in s3\n");
    assertThat(
            Files.exists(
                HangarProcesses.DATA_DIR
                    .resolve("blobs")
                    .resolve(ns)
                    .resolve("logs")
                    .resolve(build + ".log")))
        .as("nothing goes to the data directory")
        .isFalse();
    ApiClient.Response tail = read(build, 6).expect(200);
    assertThat(tail.body()).isEqualTo("in s3\n");
    assertThat(tail.header("Hangar-Log-Complete")).isEqualTo("true");
    assertThat(tail.header("Hangar-Next-Offset")).isEqualTo("12");
    assertProblem(read(build, 13), 416, "offset_beyond_end");
    // The object, not a copy somewhere else, is what is read.
    bucket.putObject(
        b -> b.bucket(LocalS3Server.BUCKET).key(objectName(build)),
        RequestBody.fromString("edited\n"));
    assertThat(read(build, 0).expect(200).body()).isEqualTo("edited\n");
  }

  @Test
  void aFinishedBuildsLogIsFollowedFromTheBucketToItsEnd() throws Exception {
    String build = archivedBuild("followed from s3\n");

    try (EventStream late =
        EventStream.open(
            apiProcess.baseUrl(),
            "/v1/builds/" + build + "/logs/stream",
            given.adminToken(),
            null)) {
      await().atMost(SOON).until(() -> late.end().isPresent());
      assertThat(late.text()).isEqualTo("followed from s3\n");
      assertThat(late.end().orElseThrow().json().path("status").asString()).isEqualTo("succeeded");
    }
  }

  @Test
  void retentionDeletesAnOldLogFromTheBucketAndNothingYounger() {
    String old = archivedBuild("old\n");
    String young = archivedBuild("young\n");
    String index = ns + ":retention";
    assertThat(redis.zscore(index, young)).isNotNull();

    PastExpiry.backdate(redis, ns, old);

    await().atMost(SOON).until(() -> object(old) == null);
    await().atMost(SOON).until(() -> redis.zscore(index, old) == null);
    assertProblem(api.get("/v1/builds/" + old + "/logs", given.adminToken()), 410, "log_expired");
    assertThat(object(young)).isEqualTo("young\n");
    assertThat(read(young, 0).expect(200).body()).isEqualTo("young\n");
  }

  @Test
  void dispatchEventsAreJsonLinesNamingTheBuildRunnerAndAttempt() throws Exception {
    String pipeline = given.pipeline("linux");
    String finished = given.build(pipeline);
    String abandoned = given.build(pipeline);
    String cancelled = given.build(pipeline);
    Given.Runner runner = given.runner("linux");

    given.succeeded(given.runningJob(runner, finished));
    api.post("/v1/builds/" + cancelled + "/cancel", given.adminToken(), null).expect(200);
    // Claimed and never acknowledged: its lease runs out and the dispatcher requeues it.
    api.post(runner.path("/claim"), runner.token(), null).expect(200);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(events(dispatcher, abandoned))
                    .anySatisfy(event -> assertEvent(event, runner.id(), 2, "requeued")));
    List<JsonNode> served = events(apiProcess, null);
    assertThat(events(apiProcess, finished))
        .anySatisfy(event -> assertEvent(event, runner.id(), 1, "claimed"))
        .anySatisfy(event -> assertEvent(event, runner.id(), 1, "succeeded"));
    assertThat(events(apiProcess, abandoned))
        .anySatisfy(event -> assertEvent(event, runner.id(), 1, "claimed"));
    assertThat(events(apiProcess, cancelled))
        .anySatisfy(event -> assertEvent(event, null, 1, "cancelled"));
    assertThat(served).isNotEmpty();

    for (HangarProcess process : List.of(apiProcess, dispatcher)) {
      assertThat(process.output())
          .as("%s's log", process)
          .doesNotContain(
              runner.token(),
              given.adminToken(),
              TestSecrets.ADMIN_PASSWORD,
              TestSecrets.SECRETS_KEY,
              LocalS3Server.SECRET_KEY);
    }
  }

  /**
   * Every line of the process's log as JSON, failing on one that is not, then those about {@code
   * buildId} (all of them for null).
   */
  private static List<JsonNode> events(HangarProcess process, String buildId) {
    return process
        .output()
        .lines()
        .filter(line -> !line.isBlank())
        .map(
            line -> {
              assertThat(line).as("a line of %s's log", process).startsWith("{");
              JsonNode event = JSON.readTree(line);
              assertThat(event.path("@timestamp").isMissingNode()).as(line).isFalse();
              assertThat(event.path("log").path("level").asString()).as(line).isNotEmpty();
              return event;
            })
        .filter(event -> buildId == null || buildId.equals(event.path("build_id").asString()))
        .toList();
  }

  private static void assertEvent(JsonNode event, String runnerId, int attempt, String message) {
    assertThat(event.path("message").asString()).contains(message);
    assertThat(event.path("attempt").asInt()).isEqualTo(attempt);
    if (runnerId != null) {
      assertThat(event.path("runner_id").asString()).isEqualTo(runnerId);
    }
  }
}
