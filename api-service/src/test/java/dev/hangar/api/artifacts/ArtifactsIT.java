package dev.hangar.api.artifacts;

import static dev.hangar.api.support.Problems.assertProblem;
import static dev.hangar.api.support.Problems.errorFields;
import static dev.hangar.api.support.Problems.fieldsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hangar.api.support.ApiClient;
import dev.hangar.api.support.Given;
import dev.hangar.api.support.Hangar;
import dev.hangar.engine.artifacts.ArtifactStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Artifacts through two api-service instances sharing one data directory, with small limits (100
 * KiB an artifact, 160 KiB a build): uploaded through one, listed, downloaded and linked through
 * the other; every refusal with its code and nothing left behind, on disk or in the listing.
 */
class ArtifactsIT {

  private static final int MAX = 100 * 1024;
  private static final AtomicLong SEEDS = new AtomicLong(1700);

  @TempDir static Path dataDir;
  private static Hangar hangar;
  private static ApiClient api;
  private static Given given;
  private static String ns;

  @BeforeAll
  static void start() {
    Map<String, Object> settings = new HashMap<>();
    settings.put("hangar.data-dir", dataDir);
    settings.put("hangar.artifact-max-size", "100KB");
    settings.put("hangar.artifact-max-build-size", "160KB");
    hangar = Hangar.start(2, 0, settings);
    api = hangar.client(0);
    given = new Given(api);
    ns = hangar.namespace().name();
  }

  @AfterAll
  static void stop() throws Exception {
    hangar.close();
  }

  /** A build claimed and running, held by its own runner. */
  record Job(Given.Runner runner, String build, int attempt) {

    String path(String name, int attempt) {
      return runner.path(
          "/jobs/"
              + build
              + "/artifacts/"
              + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20")
              + "?attempt="
              + attempt);
    }

    String path(String name) {
      return path(name, attempt);
    }
  }

  static Job job() {
    Given.RunningJob job = given.runningJob();
    return new Job(job.runner(), job.build(), job.attempt());
  }

  static Map<String, String> uploadHeaders(Job job, String sha256) {
    return Map.of(
        "Authorization",
        "Bearer " + job.runner().token(),
        "Content-Type",
        "application/octet-stream",
        ArtifactUploads.CHECKSUM,
        sha256);
  }

  static ApiClient.Response upload(Job job, String name, byte[] bytes) {
    return Transfers.put(
        base(0) + job.path(name),
        uploadHeaders(job, SeededBytes.sha256(bytes)),
        () -> new ByteArrayInputStream(bytes),
        bytes.length);
  }

  static byte[] bytes(int length) {
    return SeededBytes.of(SEEDS.incrementAndGet(), length);
  }

  static String base(int instance) {
    return hangar.api(instance).baseUrl();
  }

  static Map<String, String> session() {
    return Map.of("Authorization", "Bearer " + given.adminToken());
  }

  static String downloadPath(String build, String name) {
    return "/v1/builds/"
        + build
        + "/artifacts/"
        + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
  }

  static Transfers.Download download(
      int instance, String build, String name, Map<String, String> extra) {
    Map<String, String> headers = new HashMap<>(session());
    headers.putAll(extra);
    return Transfers.get(base(instance) + downloadPath(build, name), headers);
  }

  static List<String> listed(String build) {
    JsonNode list =
        api.get("/v1/builds/" + build + "/artifacts", given.adminToken()).expect(200).json();
    return list.path("artifacts").valueStream().map(a -> a.path("name").asString()).toList();
  }

  /** Every file under the namespace's blobs, pending ones included. */
  static List<Path> files(String build) throws IOException {
    Path dir = dataDir.resolve("blobs").resolve(ns).resolve("artifacts").resolve(build);
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).toList();
    }
  }

  static List<String> reservations(String build) {
    return hangar.namespace().redis().hkeys(ns + ":build:" + build + ":artifact-space").stream()
        .filter(field -> field.startsWith("upload:"))
        .toList();
  }

  @Test
  void anUploadIsListedAndDownloadedThroughTheOtherInstanceWithItsHeaders() throws IOException {
    Job job = job();
    byte[] apk = bytes(40_000);
    String sha = SeededBytes.sha256(apk);

    ApiClient.Response created = upload(job, "app-release.apk", apk).expect(201);

    assertThat(created.header("Location"))
        .isEqualTo("/v1/builds/" + job.build() + "/artifacts/app-release.apk");
    JsonNode view = created.json();
    assertThat(fieldsOf(view))
        .containsExactly("name", "size", "sha256", "content_type", "created_at", "attempt");
    assertThat(view.path("name").asString()).isEqualTo("app-release.apk");
    assertThat(view.path("size").asLong()).isEqualTo(40_000);
    assertThat(view.path("sha256").asString()).isEqualTo(sha);
    assertThat(view.path("content_type").asString())
        .isEqualTo("application/vnd.android.package-archive");
    assertThat(view.path("attempt").asInt()).isEqualTo(1);
    assertThat(view.path("created_at").asLong())
        .as("Unix seconds")
        .isBetween(System.currentTimeMillis() / 1000 - 60, System.currentTimeMillis() / 1000 + 60);

    JsonNode list =
        hangar
            .client(1)
            .get("/v1/builds/" + job.build() + "/artifacts", given.adminToken())
            .expect(200)
            .json();
    assertThat(list.path("artifacts")).hasSize(1);
    assertThat(list.path("artifacts").get(0)).isEqualTo(view);

    Transfers.Download file = download(1, job.build(), "app-release.apk", Map.of());
    assertThat(file.status()).isEqualTo(200);
    assertThat(file.body()).isEqualTo(apk);
    assertThat(file.header("Content-Length")).isEqualTo("40000");
    assertThat(file.header("Content-Type")).isEqualTo("application/vnd.android.package-archive");
    assertThat(file.header("ETag")).isEqualTo("\"" + sha + "\"");
    assertThat(file.header("Accept-Ranges")).isEqualTo("bytes");
    assertThat(file.header("Content-Disposition"))
        .isEqualTo("attachment; filename=\"app-release.apk\"; filename*=UTF-8''app-release.apk");
    assertThat(file.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(files(job.build())).hasSize(1);
  }

  @Test
  void rangesAndConditionalRequestsAreAnswered() {
    Job job = job();
    byte[] zip = bytes(10_000);
    String etag = "\"" + SeededBytes.sha256(zip) + "\"";
    upload(job, "bundle.zip", zip).expect(201);

    Transfers.Download middle =
        download(1, job.build(), "bundle.zip", Map.of("Range", "bytes=100-199"));
    assertThat(middle.status()).isEqualTo(206);
    assertThat(middle.header("Content-Range")).isEqualTo("bytes 100-199/10000");
    assertThat(middle.header("Content-Length")).isEqualTo("100");
    assertThat(middle.body()).isEqualTo(Arrays.copyOfRange(zip, 100, 200));

    Transfers.Download tail = download(0, job.build(), "bundle.zip", Map.of("Range", "bytes=-10"));
    assertThat(tail.status()).isEqualTo(206);
    assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(zip, 9_990, 10_000));

    Transfers.Download open =
        download(0, job.build(), "bundle.zip", Map.of("Range", "bytes=9000-"));
    assertThat(open.header("Content-Range")).isEqualTo("bytes 9000-9999/10000");
    assertThat(open.body()).isEqualTo(Arrays.copyOfRange(zip, 9_000, 10_000));

    Transfers.Download past =
        download(0, job.build(), "bundle.zip", Map.of("Range", "bytes=10000-"));
    assertProblem(past.asResponse(), 416, "range_not_satisfiable");
    assertThat(past.header("Content-Range")).isEqualTo("bytes */10000");

    Transfers.Download unchanged =
        download(1, job.build(), "bundle.zip", Map.of("If-None-Match", etag));
    assertThat(unchanged.status()).isEqualTo(304);
    assertThat(unchanged.body()).isEmpty();
    assertThat(unchanged.header("ETag")).isEqualTo(etag);

    Transfers.Download changed =
        download(
            0,
            job.build(),
            "bundle.zip",
            Map.of("Range", "bytes=0-9", "If-Range", "\"" + "0".repeat(64) + "\""));
    assertThat(changed.status()).isEqualTo(200);
    assertThat(changed.body()).isEqualTo(zip);

    Transfers.Download several =
        download(0, job.build(), "bundle.zip", Map.of("Range", "bytes=0-9,20-29"));
    assertThat(several.status()).isEqualTo(200);
    assertThat(several.body()).isEqualTo(zip);
  }

  @Test
  void theServerChoosesTheContentTypeAndNeverServesHtml() {
    Job job = job();
    Map<String, String> expected =
        Map.of(
            "report é.html", "application/octet-stream",
            "App.dSYM.zip", "application/zip",
            "TEST-unit.XML", "text/plain;charset=utf-8",
            "Runner.ipa", "application/octet-stream",
            "app.aab", "application/octet-stream",
            "image.svg", "application/octet-stream");
    expected.forEach(
        (name, type) -> {
          upload(job, name, bytes(100)).expect(201);
          Transfers.Download file = download(1, job.build(), name, Map.of());
          assertThat(file.header("Content-Type")).as(name).isEqualTo(type);
        });
    assertThat(download(0, job.build(), "report é.html", Map.of()).header("Content-Disposition"))
        .isEqualTo("attachment; filename=\"report _.html\"; filename*=UTF-8''report%20%C3%A9.html");
    assertThat(listed(job.build()))
        .containsExactly(
            "App.dSYM.zip", "Runner.ipa", "TEST-unit.XML", "app.aab", "image.svg", "report é.html");
  }

  @Test
  void theSameNameUploadedAgainReplacesTheOldOneWhole() throws IOException {
    Job job = job();
    upload(job, "app.apk", bytes(30_000)).expect(201);
    byte[] second = bytes(60_000);
    upload(job, "app.apk", second).expect(201);

    assertThat(listed(job.build())).containsExactly("app.apk");
    assertThat(download(1, job.build(), "app.apk", Map.of()).body()).isEqualTo(second);
    assertThat(files(job.build())).hasSize(1);
    // 60 + 90 fits the 160 KiB of the build only if the replaced 30 no longer count.
    upload(job, "other.apk", bytes(90_000)).expect(201);
  }

  @Test
  void everyRefusedUploadHasItsCodeAndLeavesNothing() throws IOException {
    Job job = job();
    byte[] body = bytes(1_000);
    String sha = SeededBytes.sha256(body);

    assertProblem(
        Transfers.put(
            base(0) + job.path("wrong.apk"),
            uploadHeaders(job, "0".repeat(64)),
            () -> new ByteArrayInputStream(body),
            body.length),
        400,
        "checksum_mismatch");
    for (String bad : new String[] {"", "ABC", sha.toUpperCase(java.util.Locale.ROOT)}) {
      Map<String, String> headers = new HashMap<>(uploadHeaders(job, sha));
      if (bad.isEmpty()) {
        headers.remove(ArtifactUploads.CHECKSUM);
      } else {
        headers.put(ArtifactUploads.CHECKSUM, bad);
      }
      JsonNode problem =
          assertProblem(
              Transfers.put(
                  base(0) + job.path("sum.apk"),
                  headers,
                  () -> new ByteArrayInputStream(body),
                  body.length),
              400,
              "validation_failed");
      assertThat(errorFields(problem)).containsExactly(ArtifactUploads.CHECKSUM);
    }
    assertProblem(
        Transfers.putChunked(
            base(0) + job.path("chunked.apk"),
            uploadHeaders(job, sha),
            () -> new ByteArrayInputStream(body)),
        411,
        "length_required");
    assertThat(
            errorFields(
                assertProblem(
                    Transfers.put(
                        base(0) + job.path("no-attempt.apk").replace("?attempt=1", ""),
                        uploadHeaders(job, sha),
                        () -> new ByteArrayInputStream(body),
                        body.length),
                    400,
                    "validation_failed")))
        .containsExactly("attempt");
    assertProblem(
        Transfers.put(
            base(0) + job.path("stale.apk", job.attempt() + 1),
            uploadHeaders(job, sha),
            () -> new ByteArrayInputStream(body),
            body.length),
        409,
        "lease_lost");
    for (String name : List.of(".env", "a".repeat(252) + ".apk")) {
      assertProblem(upload(job, name, body), 400, "invalid_artifact_name");
    }
    assertProblem(upload(job, "huge.apk", bytes(MAX + 1)), 413, "artifact_too_large");
    upload(job, "one.apk", bytes(60_000)).expect(201);
    upload(job, "two.apk", bytes(60_000)).expect(201);
    assertProblem(upload(job, "three.apk", bytes(60_000)), 413, "build_artifacts_too_large");

    Job other = job();
    assertProblem(
        Transfers.put(
            base(0)
                + job.runner().path("/jobs/" + other.build() + "/artifacts/theirs.apk?attempt=1"),
            uploadHeaders(job, sha),
            () -> new ByteArrayInputStream(body),
            body.length),
        403,
        "not_your_job");
    assertProblem(
        Transfers.put(
            base(0) + job.runner().path("/jobs/build_aaaaaaaaaaaaaaaa/artifacts/x.apk?attempt=1"),
            uploadHeaders(job, sha),
            () -> new ByteArrayInputStream(body),
            body.length),
        404,
        "job_not_found");
    assertProblem(
        Transfers.put(
            base(0) + job.path("anonymous.apk"),
            Map.of(ArtifactUploads.CHECKSUM, sha),
            () -> new ByteArrayInputStream(body),
            body.length),
        401,
        "unauthorized");

    assertThat(listed(job.build())).containsExactly("one.apk", "two.apk");
    assertThat(files(job.build())).hasSize(2);
    assertThat(files(other.build())).isEmpty();
    assertThat(reservations(job.build())).isEmpty();
  }

  @Test
  void anUploadCutHalfwayLeavesNoFileNoEntryAndNoReservation() throws IOException {
    Job job = job();
    byte[] body = bytes(80_000);
    Socket socket =
        Transfers.startUpload(
            base(0),
            job.path("cut.apk"),
            uploadHeaders(job, SeededBytes.sha256(body)),
            body.length,
            Arrays.copyOf(body, 40_000));
    await().atMost(Duration.ofSeconds(10)).until(() -> !files(job.build()).isEmpty());
    socket.close();

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> files(job.build()).isEmpty() && reservations(job.build()).isEmpty());
    assertThat(listed(job.build())).isEmpty();
  }

  @Test
  void twoParallelUploadsCannotBothSqueezeUnderTheBuildLimit() throws IOException {
    Job job = job();
    byte[] first = bytes(90_000);
    byte[] second = bytes(90_000);
    Socket socket =
        Transfers.startUpload(
            base(0),
            job.path("first.apk"),
            uploadHeaders(job, SeededBytes.sha256(first)),
            first.length,
            Arrays.copyOf(first, 1_000));
    await().atMost(Duration.ofSeconds(10)).until(() -> reservations(job.build()).size() == 1);

    assertProblem(
        Transfers.put(
            base(1) + job.path("second.apk"),
            uploadHeaders(job, SeededBytes.sha256(second)),
            () -> new ByteArrayInputStream(second),
            second.length),
        413,
        "build_artifacts_too_large");

    assertThat(Transfers.finishUpload(socket, Arrays.copyOfRange(first, 1_000, first.length)))
        .isEqualTo(201);
    assertThat(listed(job.build())).containsExactly("first.apk");
    assertThat(reservations(job.build())).isEmpty();
  }

  @Test
  void aLinkServesTheFileWithoutASessionUntilItExpires() {
    Job job = job();
    byte[] ipa = bytes(5_000);
    upload(job, "Runner.ipa", ipa).expect(201);
    String linkPath = downloadPath(job.build(), "Runner.ipa") + "/link";

    ApiClient.Response created = api.post(linkPath, given.adminToken(), null).expect(201);
    assertThat(fieldsOf(created.json())).containsExactly("url", "expires_at");
    String url = created.text("url");
    assertThat(created.header("Location")).isEqualTo(url);
    assertThat(url).startsWith("/v1/artifact-links/");
    long now = System.currentTimeMillis() / 1000;
    assertThat(created.json().path("expires_at").asLong())
        .isBetween(
            now + Duration.ofMinutes(14).toSeconds(), now + Duration.ofMinutes(16).toSeconds());
    assertThat(created.header("Cache-Control")).isEqualTo("no-store");

    Transfers.Download linked = Transfers.get(base(1) + url, Map.of());
    assertThat(linked.status()).isEqualTo(200);
    assertThat(linked.body()).isEqualTo(ipa);
    Transfers.Download part = Transfers.get(base(0) + url, Map.of("Range", "bytes=10-19"));
    assertThat(part.status()).isEqualTo(206);
    assertThat(part.body()).isEqualTo(Arrays.copyOfRange(ipa, 10, 20));

    String token = url.substring(url.lastIndexOf('/') + 1);
    char first = token.charAt(0);
    char last = token.charAt(token.length() - 1);
    // The last character's lowest bit may be one the encoding leaves unused: refused all the same.
    for (String forged :
        List.of(
            (first == 'A' ? 'B' : 'A') + token.substring(1),
            token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A'))) {
      assertProblem(
          Transfers.get(base(0) + "/v1/artifact-links/" + forged, Map.of()).asResponse(),
          404,
          "link_not_found");
    }
    assertProblem(
        Transfers.get(base(0) + "/v1/artifact-links/garbage", Map.of()).asResponse(),
        404,
        "link_not_found");

    String brief =
        api.post(linkPath, given.adminToken(), Map.of("expires_in_seconds", 1))
            .expect(201)
            .text("url");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> Transfers.get(base(1) + brief, Map.of()).status() == 410);
    assertProblem(Transfers.get(base(0) + brief, Map.of()).asResponse(), 410, "link_expired");

    upload(job, "Runner.ipa", bytes(5_000)).expect(201);
    assertProblem(Transfers.get(base(1) + url, Map.of()).asResponse(), 404, "artifact_not_found");
  }

  @Test
  void badReadsAndLinkRequestsAreProblems() {
    Job job = job();
    upload(job, "app.apk", bytes(100)).expect(201);
    String admin = given.adminToken();
    String link = downloadPath(job.build(), "app.apk") + "/link";

    for (Object seconds : List.of(0, 604_801, "soon", 1.5)) {
      JsonNode problem =
          assertProblem(
              api.post(link, admin, Map.of("expires_in_seconds", seconds)),
              400,
              "validation_failed");
      assertThat(errorFields(problem)).containsExactly("expires_in_seconds");
    }
    assertProblem(api.post(link, admin, Map.of("lifetime", 5)), 400, "unknown_field");
    assertProblem(api.post(link, null, null), 401, "unauthorized");
    assertProblem(
        api.post(downloadPath(job.build(), "missing.apk") + "/link", admin, null),
        404,
        "artifact_not_found");
    assertProblem(
        api.get("/v1/builds/build_aaaaaaaaaaaaaaaa/artifacts", admin), 404, "build_not_found");
    assertProblem(api.get("/v1/builds/nonsense/artifacts", admin), 404, "build_not_found");
    assertProblem(
        api.get(downloadPath(job.build(), "missing.apk"), admin), 404, "artifact_not_found");
    assertProblem(api.get(downloadPath(job.build(), "app.apk"), null), 401, "unauthorized");
    assertProblem(
        api.get("/v1/builds/" + job.build() + "/artifacts", job.runner().token()),
        401,
        "unauthorized");
    assertProblem(api.get(job.path("app.apk"), job.runner().token()), 405, "method_not_allowed");
    assertProblem(
        api.delete(downloadPath(job.build(), "app.apk"), admin), 405, "method_not_allowed");
    assertProblem(api.get("/v1/artifact-links/" + "x".repeat(2000), null), 404, "link_not_found");
  }

  @Test
  void aSemicolonInANameTravelsPercentEncodedAndIsRefusedRaw() {
    Job job = job();
    byte[] body = bytes(10);
    ApiClient.Response created = upload(job, "a;b.txt", body).expect(201);
    assertThat(created.header("Location"))
        .isEqualTo("/v1/builds/" + job.build() + "/artifacts/a%3Bb.txt");
    assertThat(Transfers.get(base(1) + created.header("Location"), session()).body())
        .isEqualTo(body);
    assertThat(listed(job.build())).containsExactly("a;b.txt");
    assertThat(download(1, job.build(), "a;b.txt", Map.of()).body()).isEqualTo(body);

    assertProblem(
        Transfers.put(
            base(0)
                + job.runner()
                    .path("/jobs/" + job.build() + "/artifacts/c;d.txt?attempt=" + job.attempt()),
            uploadHeaders(job, SeededBytes.sha256(body)),
            () -> new ByteArrayInputStream(body),
            body.length),
        400,
        "invalid_artifact_name");
    assertThat(listed(job.build())).containsExactly("a;b.txt");
  }

  @Test
  void expiringABuildsArtifactsRemovesTheListingTheFilesAndTheSpaceTheyTook() throws IOException {
    Job job = job();
    upload(job, "app.apk", bytes(1_000)).expect(201);
    upload(job, "app.aab", bytes(2_000)).expect(201);
    var redis = hangar.namespace().redis();

    hangar.api(1).bean(ArtifactStore.class).expire(job.build());

    assertThat(listed(job.build())).isEmpty();
    assertThat(files(job.build())).isEmpty();
    assertThat(redis.exists(ns + ":build:" + job.build() + ":artifact-space")).isZero();
    assertProblem(
        api.get(downloadPath(job.build(), "app.apk"), given.adminToken()),
        404,
        "artifact_not_found");
  }

  @Test
  void anEmptyArtifactIsKeptAndServedAndHeadAnswersTheHeadersAlone() {
    Job job = job();
    upload(job, "empty.log", new byte[0]).expect(201);
    Transfers.Download empty = download(1, job.build(), "empty.log", Map.of());
    assertThat(empty.status()).isEqualTo(200);
    assertThat(empty.body()).isEmpty();
    assertThat(empty.header("Content-Length")).isEqualTo("0");
    assertProblem(
        download(0, job.build(), "empty.log", Map.of("Range", "bytes=0-")).asResponse(),
        416,
        "range_not_satisfiable");

    byte[] apk = bytes(3_000);
    upload(job, "app.apk", apk).expect(201);
    Transfers.Download head =
        Transfers.head(base(1) + downloadPath(job.build(), "app.apk"), session());
    assertThat(head.status()).isEqualTo(200);
    assertThat(head.header("Content-Length")).isEqualTo("3000");
    assertThat(head.header("ETag")).isEqualTo("\"" + SeededBytes.sha256(apk) + "\"");
    assertThat(head.body()).isEmpty();
  }
}
