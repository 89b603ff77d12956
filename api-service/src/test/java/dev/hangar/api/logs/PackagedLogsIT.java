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
import dev.hangar.testing.storage.LocalS3Server;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Finished logs with {@code HANGAR_STORAGE=s3}: the packaged api-service and dispatcher, pointed at
 * a local S3-compatible server, archive an ended build's log as an object, serve ranges of it, and
 * delete it when its retention runs out.
 */
class S3LogsIT {

  private static final Duration SOON = Duration.ofSeconds(20);
  private static final String PREFIX = "hangar-it";

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
    Map<String, Object> settings = s3.processSettings(PREFIX);
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

  private record Job(Given.Runner runner, String build) {}

  private static Job runningJob() {
    Given.RunningJob job = given.runningJob();
    return new Job(job.runner(), job.build());
  }

  private static void append(Job job, String text) {
    api.send(
            "POST",
            job.runner().path("/jobs/" + job.build() + "/logs?attempt=1&offset=0"),
            job.runner().token(),
            text.getBytes(StandardCharsets.UTF_8),
            "application/octet-stream")
        .expect(200);
  }

  private static void finish(Job job) {
    api.post(
            job.runner().path("/jobs/" + job.build() + "/status"),
            job.runner().token(),
            Map.of("status", "succeeded", "attempt", 1, "exit_code", 0))
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

  @Test
  void aFinishedLogIsStoredInTheBucketAndReadFromItInRanges() throws Exception {
    Job job = runningJob();
    append(job, "built in s3\n");
    finish(job);

    awaitArchived(job.build());

    assertThat(object(job.build())).isEqualTo("built in s3\n");
    assertThat(
            Files.exists(
                HangarProcesses.DATA_DIR
                    .resolve("blobs")
                    .resolve(ns)
                    .resolve("logs")
                    .resolve(job.build() + ".log")))
        .as("nothing goes to the data directory")
        .isFalse();
    ApiClient.Response tail = read(job.build(), 6).expect(200);
    assertThat(tail.body()).isEqualTo("in s3\n");
    assertThat(tail.header("Hangar-Log-Complete")).isEqualTo("true");
    assertThat(tail.header("Hangar-Next-Offset")).isEqualTo("12");
    assertProblem(read(job.build(), 13), 416, "offset_beyond_end");
    // The object, not a copy somewhere else, is what is read.
    bucket.putObject(
        b -> b.bucket(LocalS3Server.BUCKET).key(objectName(job.build())),
        RequestBody.fromString("edited\n"));
    assertThat(read(job.build(), 0).expect(200).body()).isEqualTo("edited\n");
  }

  @Test
  void aFinishedBuildsLogIsFollowedFromTheBucketToItsEnd() throws Exception {
    Job job = runningJob();
    append(job, "followed from s3\n");
    finish(job);
    awaitArchived(job.build());

    try (EventStream late =
        EventStream.open(
            apiProcess.baseUrl(),
            "/v1/builds/" + job.build() + "/logs/stream",
            given.adminToken(),
            null)) {
      await().atMost(SOON).until(() -> late.end().isPresent());
      assertThat(late.text()).isEqualTo("followed from s3\n");
      assertThat(late.end().orElseThrow().json().path("status").asString()).isEqualTo("succeeded");
    }
  }

  @Test
  void retentionDeletesAnOldLogFromTheBucketAndNothingYounger() {
    Job old = runningJob();
    Job young = runningJob();
    append(old, "old\n");
    append(young, "young\n");
    finish(old);
    finish(young);
    awaitArchived(old.build());
    awaitArchived(young.build());
    String index = ns + ":retention";
    assertThat(redis.zscore(index, young.build())).isNotNull();

    PastExpiry.backdate(redis, ns, old.build());

    await().atMost(SOON).until(() -> object(old.build()) == null);
    await().atMost(SOON).until(() -> redis.zscore(index, old.build()) == null);
    assertProblem(
        api.get("/v1/builds/" + old.build() + "/logs", given.adminToken()), 410, "log_expired");
    assertThat(object(young.build())).isEqualTo("young\n");
    assertThat(read(young.build(), 0).expect(200).body()).isEqualTo("young\n");
  }
}
