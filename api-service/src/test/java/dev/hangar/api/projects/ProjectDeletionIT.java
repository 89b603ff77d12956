package dev.hangar.api.projects;

import static dev.hangar.api.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hangar.api.signing.SigningMaterial;
import dev.hangar.api.support.ApiClient;
import dev.hangar.api.support.ApiInstance;
import dev.hangar.api.support.Given;
import dev.hangar.api.support.Hangar;
import dev.hangar.engine.projects.RetirePipelineScript;
import dev.hangar.engine.projects.RetireProjectScript;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code DELETE /v1/projects/{id}} and {@code DELETE /v1/pipelines/{id}} on two api-service
 * instances and a dispatcher (whose retention sweep deletes the data): waiting builds are
 * cancelled, leased ones flagged until their runner stops, ended ones lose their log and artifacts,
 * signing material goes, and a deletion stopped halfway is finished by the next DELETE.
 */
class ProjectDeletionIT {

  private static final Duration SOON = Duration.ofSeconds(20);
  private static final String STORE_PASSWORD = "store-pass-4Tz8";
  private static final String KEY_PASSWORD = "key-pass-9Lm2";
  private static final AtomicInteger LANES = new AtomicInteger();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path dataDir;
  private static Hangar hangar;
  private static ApiClient api;
  private static ApiClient other;
  private static Given given;
  private static String admin;
  private static RedisCommands<String, String> redis;
  private static String ns;
  private static Map<String, Object> keystore;

  @BeforeAll
  static void start() {
    hangar = Hangar.start(2, 1, Map.of("hangar.data-dir", dataDir));
    api = hangar.client(0);
    other = hangar.client(1);
    given = new Given(api);
    admin = given.adminToken();
    redis = hangar.namespace().redis();
    ns = hangar.namespace().name();
    byte[] bytes =
        SigningMaterial.keystore(
            "PKCS12",
            SigningMaterial.identity("Upload Key"),
            STORE_PASSWORD,
            "upload",
            KEY_PASSWORD);
    keystore =
        Map.of(
            "keystore_base64",
            SigningMaterial.b64(bytes),
            "keystore_password",
            STORE_PASSWORD,
            "key_alias",
            "upload",
            "key_password",
            KEY_PASSWORD);
  }

  @AfterAll
  static void stop() throws Exception {
    hangar.close();
  }

  @Test
  void aDeletedProjectsBuildsStopAndItsSigningLogsAndArtifactsGo() {
    String lane = lane();
    String branch = "deleted-" + lane;
    String project = given.project();
    String pipeline = given.pipeline(project, "android", List.of(lane), Map.of());
    Given.Runner finisher = given.runner(List.of("android"), Map.of(), List.of(lane), 1);
    String finished = build(pipeline, branch);
    start(finisher, finished);
    log(finisher, finished, "built\n");
    artifact(finisher, finished, "app.apk", "apk bytes".getBytes(StandardCharsets.UTF_8));
    report(finisher, finished, Map.of("status", "succeeded", "attempt", 1, "exit_code", 0))
        .expect(200);
    await().atMost(SOON).until(() -> Files.exists(logFile(finished)));
    assertThat(artifactFiles(finished)).isNotEmpty();
    Given.Runner holder = given.runner(List.of("android"), Map.of(), List.of(lane), 1);
    String running = build(pipeline, branch);
    start(holder, running);
    String waiting = build(pipeline, branch);
    putSigning(pipeline).expect(200);

    assertThat(other.delete("/v1/projects/" + project, admin).expect(204).body()).isEmpty();

    for (ApiClient client : List.of(api, other)) {
      assertProblem(client.get("/v1/projects/" + project, admin), 404, "project_not_found");
      assertProblem(
          client.get("/v1/projects/" + project + "/pipelines", admin), 404, "project_not_found");
      assertProblem(client.get("/v1/pipelines/" + pipeline, admin), 404, "pipeline_not_found");
      assertProblem(
          client.patch("/v1/projects/" + project, admin, Map.of("name", "x")),
          404,
          "project_not_found");
      assertProblem(
          client.post(
              "/v1/pipelines/" + pipeline + "/builds",
              admin,
              Map.of("commit_sha", "a1b2c3d4e5f6", "branch", "main")),
          404,
          "pipeline_not_found");
      assertProblem(
          client.post("/v1/builds/" + finished + "/rerun", admin, null), 404, "pipeline_not_found");
      assertProblem(putSigning(pipeline), 404, "pipeline_not_found");
      assertProblem(client.get("/v1/builds?project=" + project, admin), 400, "invalid_parameter");
      assertProblem(client.delete("/v1/projects/" + project, admin), 404, "project_not_found");
    }
    assertThat(build(waiting).path("status").asString()).isEqualTo("cancelled");
    assertThat(build(running).path("status").asString()).isEqualTo("running");
    assertThat(build(running).path("cancel_requested").asBoolean()).isTrue();
    assertThat(signingKeys(pipeline)).isEmpty();
    assertThat(projectKeys(project, pipeline)).isEmpty();
    assertThat(
            api.get("/v1/builds?branch=" + branch, admin).expect(200).json().path("builds").size())
        .as("the deleted project's builds are listed nowhere")
        .isZero();

    // The runner learns of the cancel from its next answer and stops; the build is due at once.
    assertThat(
            report(holder, running, Map.of("status", "running", "attempt", 1))
                .expect(200)
                .json()
                .path("cancel_requested")
                .asBoolean())
        .isTrue();
    report(holder, running, Map.of("status", "cancelled", "attempt", 1)).expect(200);
    assertThat(build(running).path("status").asString()).isEqualTo("cancelled");

    await()
        .atMost(SOON)
        .until(
            () ->
                List.of(finished, running, waiting).stream()
                    .noneMatch(b -> build(b).path("data_expired_at").isNull()));
    assertThat(logFile(finished)).doesNotExist();
    assertThat(artifactFiles(finished)).isEmpty();
    assertProblem(api.get("/v1/builds/" + finished + "/logs", admin), 410, "log_expired");
    assertThat(build(finished).path("status").asString()).isEqualTo("succeeded");
  }

  @Test
  void aDeletedPipelineGoesAloneAndItsProjectKeepsTheOthers() {
    String lane = lane();
    String project = given.project();
    String doomed = given.pipeline(project, "android", List.of(lane), Map.of());
    String kept = given.pipeline(project, "android", List.of(lane), Map.of());
    String doomedBuild = build(doomed, "main");
    String keptBuild = build(kept, "main");
    putSigning(doomed).expect(200);
    putSigning(kept).expect(200);

    api.delete("/v1/pipelines/" + doomed, admin).expect(204);

    assertThat(build(doomedBuild).path("status").asString()).isEqualTo("cancelled");
    assertThat(build(keptBuild).path("status").asString()).isEqualTo("queued");
    assertThat(signingKeys(doomed)).isEmpty();
    assertThat(signingKeys(kept)).isNotEmpty();
    for (ApiClient client : List.of(api, other)) {
      assertProblem(client.get("/v1/pipelines/" + doomed, admin), 404, "pipeline_not_found");
      assertProblem(client.delete("/v1/pipelines/" + doomed, admin), 404, "pipeline_not_found");
      assertProblem(client.get("/v1/builds?pipeline=" + doomed, admin), 400, "invalid_parameter");
      client.get("/v1/pipelines/" + kept, admin).expect(200);
      JsonNode pipelines =
          client.get("/v1/projects/" + project + "/pipelines", admin).expect(200).json();
      assertThat(pipelines.size()).isEqualTo(1);
      assertThat(pipelines.get(0).path("id").asString()).isEqualTo(kept);
      JsonNode listed =
          client.get("/v1/builds?project=" + project, admin).expect(200).json().path("builds");
      assertThat(listed.size()).isEqualTo(1);
      assertThat(listed.get(0).path("id").asString()).isEqualTo(keptBuild);
    }
    build(kept, "main");
  }

  @Test
  void aDeletionStoppedAfterItsFirstStepIsFinishedByTheNextDelete() {
    String project = given.project();
    String pipeline = given.pipeline(project, "android", List.of(lane()), Map.of());
    String waiting = build(pipeline, "main");
    putSigning(pipeline).expect(200);

    // What a crash right after the first step leaves.
    assertThat(hangar.api(0).bean(RetireProjectScript.class).run(project)).isTrue();
    assertProblem(api.get("/v1/projects/" + project, admin), 404, "project_not_found");
    assertThat(build(waiting).path("status").asString()).isEqualTo("queued");
    assertThat(signingKeys(pipeline)).isNotEmpty();

    other.delete("/v1/projects/" + project, admin).expect(204);

    assertThat(build(waiting).path("status").asString()).isEqualTo("cancelled");
    assertThat(signingKeys(pipeline)).isEmpty();
    assertThat(projectKeys(project, pipeline)).isEmpty();
    assertProblem(api.delete("/v1/projects/" + project, admin), 404, "project_not_found");
  }

  @Test
  void aPipelineDeletionStoppedAfterItsFirstStepIsFinishedByTheNextDelete() {
    String project = given.project();
    String pipeline = given.pipeline(project, "android", List.of(lane()), Map.of());
    String waiting = build(pipeline, "main");
    putSigning(pipeline).expect(200);

    assertThat(hangar.api(1).bean(RetirePipelineScript.class).run(pipeline)).isPresent();
    assertProblem(api.get("/v1/pipelines/" + pipeline, admin), 404, "pipeline_not_found");
    assertThat(build(waiting).path("status").asString()).isEqualTo("queued");

    api.delete("/v1/pipelines/" + pipeline, admin).expect(204);

    assertThat(build(waiting).path("status").asString()).isEqualTo("cancelled");
    assertThat(signingKeys(pipeline)).isEmpty();
    assertThat(redis.exists(ns + ":deleted-pipeline:" + pipeline)).isZero();
    assertThat(api.get("/v1/projects/" + project + "/pipelines", admin).expect(200).json().size())
        .isZero();
    assertProblem(other.delete("/v1/pipelines/" + pipeline, admin), 404, "pipeline_not_found");
  }

  @Test
  void deletionsStoppedAfterTheirFirstStepAreFinishedWhenAnApiServiceStarts() {
    String project = given.project();
    String pipeline = given.pipeline(project, "android", List.of(lane()), Map.of());
    String waiting = build(pipeline, "main");
    String otherProject = given.project();
    String alone = given.pipeline(otherProject, "android", List.of(lane()), Map.of());
    String aloneWaiting = build(alone, "main");
    putSigning(pipeline).expect(200);
    putSigning(alone).expect(200);
    assertThat(hangar.api(0).bean(RetireProjectScript.class).run(project)).isTrue();
    assertThat(hangar.api(0).bean(RetirePipelineScript.class).run(alone)).isPresent();
    assertThat(redis.smembers(ns + ":deletions")).contains(project, alone);

    try (ApiInstance started =
        ApiInstance.start(hangar.namespace(), Map.of("hangar.data-dir", dataDir))) {
      assertThat(build(waiting).path("status").asString()).isEqualTo("cancelled");
      assertThat(build(aloneWaiting).path("status").asString()).isEqualTo("cancelled");
      assertThat(signingKeys(pipeline)).isEmpty();
      assertThat(signingKeys(alone)).isEmpty();
      assertThat(projectKeys(project, pipeline)).isEmpty();
      assertThat(redis.exists(ns + ":deleted-pipeline:" + alone)).isZero();
      assertThat(redis.smembers(ns + ":deletions")).doesNotContain(project, alone);
      assertProblem(
          started.client().delete("/v1/projects/" + project, admin), 404, "project_not_found");
      started.client().get("/v1/projects/" + otherProject, admin).expect(200);
    }
  }

  private static String lane() {
    return "deletion" + LANES.incrementAndGet();
  }

  private static String build(String pipeline, String branch) {
    return api.post(
            "/v1/pipelines/" + pipeline + "/builds",
            admin,
            Map.of("commit_sha", "a1b2c3d4e5f6", "branch", branch))
        .expect(201)
        .text("id");
  }

  private static JsonNode build(String id) {
    return api.get("/v1/builds/" + id, admin).expect(200).json();
  }

  /** The runner claims {@code build} (the only one its lane has waiting) and reports running. */
  private static void start(Given.Runner runner, String build) {
    assertThat(
            api.post(runner.path("/claim?wait=10"), runner.token(), null)
                .expect(200)
                .text("build_id"))
        .isEqualTo(build);
    report(runner, build, Map.of("status", "running", "attempt", 1)).expect(200);
  }

  private static ApiClient.Response report(
      Given.Runner runner, String build, Map<String, Object> update) {
    return api.post(runner.path("/jobs/" + build + "/status"), runner.token(), update);
  }

  private static void log(Given.Runner runner, String build, String text) {
    api.send(
            "POST",
            runner.path("/jobs/" + build + "/logs?attempt=1&offset=0"),
            runner.token(),
            text.getBytes(StandardCharsets.UTF_8),
            "application/octet-stream")
        .expect(200);
  }

  private static void artifact(Given.Runner runner, String build, String name, byte[] bytes) {
    try {
      HttpResponse<String> answer =
          HTTP.send(
              HttpRequest.newBuilder(
                      URI.create(
                          hangar.api(0).baseUrl()
                              + runner.path(
                                  "/jobs/" + build + "/artifacts/" + name + "?attempt=1")))
                  .header("Authorization", "Bearer " + runner.token())
                  .header("Content-Type", "application/octet-stream")
                  .header(
                      "Hangar-Content-SHA256",
                      HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)))
                  .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException | NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ApiClient.Response putSigning(String pipeline) {
    return api.send(
        "PUT",
        "/v1/pipelines/" + pipeline + "/android-signing",
        admin,
        keystore,
        "application/json");
  }

  private static Path logFile(String build) {
    return dataDir.resolve("blobs").resolve(ns).resolve("logs").resolve(build + ".log");
  }

  private static List<Path> artifactFiles(String build) {
    Path directory = dataDir.resolve("blobs").resolve(ns).resolve("artifacts").resolve(build);
    if (!Files.exists(directory)) {
      return List.of();
    }
    try (var files = Files.walk(directory)) {
      return files.filter(Files::isRegularFile).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> signingKeys(String pipeline) {
    return keys(ns + ":signing*" + pipeline + "*");
  }

  /** Every key left of the project or the pipeline, by any name. */
  private static List<String> projectKeys(String project, String pipeline) {
    return java.util.stream.Stream.concat(
            keys(ns + ":*" + project + "*").stream(), keys(ns + ":*" + pipeline + "*").stream())
        .toList();
  }

  private static List<String> keys(String pattern) {
    List<String> found = new java.util.ArrayList<>();
    ScanArgs args = ScanArgs.Builder.matches(pattern).limit(10_000);
    KeyScanCursor<String> cursor = redis.scan(args);
    found.addAll(cursor.getKeys());
    while (!cursor.isFinished()) {
      cursor = redis.scan(cursor, args);
      found.addAll(cursor.getKeys());
    }
    return found;
  }
}
