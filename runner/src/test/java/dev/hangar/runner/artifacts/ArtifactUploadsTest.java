package dev.hangar.runner.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hangar.model.artifacts.ArtifactView;
import dev.hangar.runner.api.ApiProblem;
import dev.hangar.runner.api.Backoff;
import dev.hangar.runner.api.Retry;
import dev.hangar.runner.api.RunnerApi;
import dev.hangar.runner.artifacts.ArtifactUploads.Failure;
import dev.hangar.runner.config.RunnerConfig;
import dev.hangar.runner.support.ArtifactEndpointDouble;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The artifact step against {@link ArtifactEndpointDouble}, a strict stand-in for the server's
 * upload endpoint, through the runner's real HTTP client. Once the api-service's endpoint is
 * merged, these run against it instead.
 */
class ArtifactUploadsTest {

  private static final String RUNNER = "runner_test";
  private static final String TOKEN = "runner-token";
  private static final String JOB = "build_test";
  private static final int ATTEMPT = 2;
  private static final Retry QUICK =
      new Retry(new Backoff(Duration.ofMillis(5), Duration.ofMillis(20)));

  @TempDir Path temp;
  private Path workspace;
  private Path zipFile;
  private ArtifactEndpointDouble server;
  private RunnerApi api;
  private final List<String> log = new CopyOnWriteArrayList<>();
  private final List<ApiProblem> endingRefusals = new CopyOnWriteArrayList<>();
  private final AtomicBoolean stopping = new AtomicBoolean();

  @BeforeEach
  void aWorkspaceAndAServer() throws IOException {
    workspace = Files.createDirectory(temp.resolve("workspace"));
    zipFile = temp.resolve(JOB + "-" + ATTEMPT + ".artifact.zip");
    server = new ArtifactEndpointDouble(RUNNER, TOKEN, JOB, ATTEMPT);
    api = new RunnerApi(new RunnerConfig(server.baseUrl(), RUNNER, TOKEN, "test"));
  }

  @AfterEach
  void stopTheServer() {
    server.close();
  }

  private Path write(String file, String text) throws IOException {
    Path path = workspace.resolve(file);
    Files.createDirectories(path.getParent());
    return Files.writeString(path, text);
  }

  private ArtifactUploads uploads() {
    return new ArtifactUploads(
        workspace,
        zipFile,
        (name, file) ->
            api.uploadArtifact(JOB, ATTEMPT, name, file.path(), file.size(), file.sha256()),
        QUICK,
        (step, text) -> log.add(step + ": " + text),
        problem -> {
          boolean lost = problem.is(409, "lease_lost");
          if (lost) {
            endingRefusals.add(problem);
          }
          return lost;
        },
        stopping::get);
  }

  private ArtifactUploads.Result upload(String... patterns) throws InterruptedException {
    return uploads().upload(List.of(patterns));
  }

  @Test
  void filesGoUpStreamedWithTheirLengthAndDigestAndAreLogged() throws Exception {
    write("build/app/outputs/flutter-apk/app-release.apk", "apk bytes");
    write("build/app/outputs/flutter-apk/app-debug.apk", "debug apk bytes");

    ArtifactUploads.Result result = upload("build/app/outputs/flutter-apk/*.apk");

    assertThat(result.failures()).isEmpty();
    assertThat(result.stopped()).isFalse();
    assertThat(result.uploaded()).containsExactly("app-debug.apk", "app-release.apk");
    ArtifactEndpointDouble.Stored apk = server.stored().get("app-release.apk");
    assertThat(new String(apk.bytes(), StandardCharsets.UTF_8)).isEqualTo("apk bytes");
    assertThat(server.received())
        .allSatisfy(
            r -> {
              assertThat(r.contentType()).isEqualTo("application/octet-stream");
              assertThat(r.digest()).matches("[0-9a-f]{64}");
            })
        .extracting(ArtifactEndpointDouble.Received::contentLength)
        .containsExactly("15", "9");
    assertThat(log)
        .first()
        .isEqualTo(
            "upload artifacts: uploaded app-debug.apk (15 B, sha256 "
                + server.stored().get("app-debug.apk").sha256().substring(0, 12)
                + ")");
  }

  @Test
  void anEmptyFileStillSaysItsLength() throws Exception {
    write("reports/empty.txt", "");

    assertThat(upload("reports/empty.txt").failures()).isEmpty();

    assertThat(server.received())
        .singleElement()
        .extracting(ArtifactEndpointDouble.Received::contentLength)
        .isEqualTo("0");
    assertThat(server.stored().get("empty.txt").bytes()).isEmpty();
  }

  @Test
  void aNameIsSentAsOnePathSegment() throws Exception {
    write("out/My App+1 #2 é?.apk", "odd");

    assertThat(upload("out/*.apk").failures()).isEmpty();

    assertThat(server.stored()).containsOnlyKeys("My App+1 #2 é?.apk");
  }

  @Test
  void aDirectoryGoesUpAsAZipThatIsRemovedAfterwards() throws Exception {
    write("build/web/index.html", "<html>");
    write("build/web/assets/app.js", "main()");

    ArtifactUploads.Result result = upload("build/web");

    assertThat(result.uploaded()).containsExactly("web.zip");
    List<String> entries = new java.util.ArrayList<>();
    try (ZipInputStream zip =
        new ZipInputStream(new ByteArrayInputStream(server.stored().get("web.zip").bytes()))) {
      for (var e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        entries.add(e.getName());
      }
    }
    assertThat(entries).contains("web/index.html", "web/assets/app.js");
    assertThat(zipFile).doesNotExist();
    assertThat(log).startsWith("upload artifacts: zipping build/web as web.zip");
  }

  @Test
  void aPatternMatchingNothingIsAWarningNotAFailure() throws Exception {
    write("build/web/index.html", "<html>");

    ArtifactUploads.Result result = upload("build/ios/ipa/*.ipa", "build/web");

    assertThat(result.failures()).isEmpty();
    assertThat(result.uploaded()).hasSize(1);
    assertThat(log).contains("upload artifacts: warning: nothing matches build/ios/ipa/*.ipa");
  }

  @Test
  void aPatternThatIsNoGlobIsAFailureAndTheOthersStillRun() throws Exception {
    write("a.apk", "a");

    ArtifactUploads.Result result = upload("build/[abc", "a.apk");

    assertThat(result.uploaded()).containsExactly("a.apk");
    assertThat(result.failures())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.name()).isEqualTo("build/[abc");
              assertThat(f.reason()).startsWith("not a glob pattern: ");
            });
  }

  @Test
  void twoMatchesWithOneNameUploadTheFirstAndFailTheOthers() throws Exception {
    write("flavors/free/app.apk", "free");
    write("flavors/paid/app.apk", "paid");

    ArtifactUploads.Result result = upload("flavors/**/*.apk", "flavors/free/app.apk");

    assertThat(new String(server.stored().get("app.apk").bytes(), StandardCharsets.UTF_8))
        .isEqualTo("free");
    assertThat(result.failures())
        .containsExactly(
            new Failure(
                "flavors/paid/app.apk",
                "another artifact is named app.apk (flavors/free/app.apk)"));
    assertThat(server.received()).hasSize(1);
  }

  @Test
  void aNameTheServerWouldRefuseIsAFailureWithItsReason() throws Exception {
    write("config/.env", "X=1");
    write("config/app.json", "{}");

    ArtifactUploads.Result result = upload("config/*", "config/.env");

    assertThat(result.uploaded()).containsExactly("app.json");
    assertThat(result.failures())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.name()).isEqualTo("config/.env");
              assertThat(f.reason()).startsWith("its name must not start with a dot");
            });
  }

  @Test
  void aLinkOutOfTheWorkspaceIsSkippedWithALine() throws Exception {
    Path outside = Files.writeString(temp.resolve("runner.json"), "{\"token\":\"secret\"}");
    Files.createDirectories(workspace.resolve("out"));
    Files.createSymbolicLink(workspace.resolve("out/runner.json"), outside);

    ArtifactUploads.Result result = upload("out/*");

    assertThat(result.failures()).isEmpty();
    assertThat(server.received()).isEmpty();
    assertThat(log)
        .contains("upload artifacts: out/runner.json leads out of the workspace; not uploaded");
  }

  @Test
  void aChangedFileIsReadAgainOnceThenFails() throws Exception {
    write("a.apk", "a");
    server.changeInTransit(1);

    assertThat(upload("a.apk").failures()).isEmpty();
    assertThat(server.received()).hasSize(2);

    server.changeInTransit(2);
    ArtifactUploads.Result twice = upload("a.apk");
    assertThat(twice.failures())
        .singleElement()
        .satisfies(f -> assertThat(f.reason()).contains("400 checksum_mismatch"));
  }

  @Test
  void anOverloadedServerIsAskedAgainAFewTimes() throws Exception {
    write("a.apk", "a");
    server.refuseNext(503, "service_unavailable");
    server.refuseNext(502, "http_502");

    assertThat(upload("a.apk").failures()).isEmpty();
    assertThat(server.received()).hasSize(3);

    for (int i = 0; i < ArtifactUpload.TRIES; i++) {
      server.refuseNext(503, "service_unavailable");
    }
    assertThat(upload("a.apk").failures())
        .singleElement()
        .satisfies(f -> assertThat(f.reason()).contains("503 service_unavailable"));
    assertThat(server.received()).hasSize(3 + ArtifactUpload.TRIES);
  }

  @Test
  void aFileTooLargeFailsAndTheOthersStillGoUp() throws Exception {
    write("big.apk", "x".repeat(100));
    write("small.apk", "x");
    server.limitSize(10);

    ArtifactUploads.Result result = upload("*.apk");

    assertThat(result.uploaded()).containsExactly("small.apk");
    assertThat(result.failures())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.name()).isEqualTo("big.apk");
              assertThat(f.reason()).contains("413 artifact_too_large");
            });
    assertThat(log)
        .anyMatch(l -> l.startsWith("upload artifacts: not uploaded: big.apk: HTTP 413"));
  }

  @Test
  void aBigFileRefusedBeforeItsBodyFailsWithTheRefusalNotANetworkError() throws Exception {
    try (RandomAccessFile file =
        new RandomAccessFile(workspace.resolve("big.apk").toFile(), "rw")) {
      file.setLength(64L * 1024 * 1024);
    }
    server.limitSize(1024);
    server.answerRefusalsBeforeTheBody();

    ArtifactUploads.Result result = upload("big.apk");

    assertThat(result.failures())
        .singleElement()
        .satisfies(f -> assertThat(f.reason()).contains("413 artifact_too_large"));
    // The server closes on a body it has not read, and TCP may then reset the connection before
    // the runner reads the answer: that send counts as cut and goes again, as any cut upload does.
    // A refusal itself is never sent again, or all the tries would have gone.
    assertThat(server.received()).isNotEmpty().hasSizeLessThan(ArtifactUpload.TRIES);
  }

  @Test
  void aLostLeaseStopsTheStepAtOnce() throws Exception {
    write("a.apk", "a");
    write("b.apk", "b");
    server.loseLease();

    ArtifactUploads.Result result = upload("*.apk");

    assertThat(result.stopped()).isTrue();
    assertThat(endingRefusals).hasSize(1);
    assertThat(server.received()).hasSize(1);
  }

  @Test
  void aServerWithoutTheEndpointFailsTheUploadNotTheJob() throws Exception {
    write("a.apk", "a");
    ArtifactUploads wrongServer =
        new ArtifactUploads(
            workspace,
            zipFile,
            (name, file) -> {
              throw new ApiProblem(404, "not_found", "no such endpoint");
            },
            QUICK,
            (step, text) -> log.add(text),
            problem -> true,
            stopping::get);

    ArtifactUploads.Result result = wrongServer.upload(List.of("a.apk"));

    assertThat(result.stopped()).isFalse();
    assertThat(result.failures())
        .singleElement()
        .satisfies(f -> assertThat(f.reason()).startsWith("the server takes no artifacts"));
  }

  @Test
  void aStopBetweenUploadsSendsNothingMore() throws Exception {
    write("a.apk", "a");
    write("b.apk", "b");
    ArtifactUploads stoppingAfterOne =
        new ArtifactUploads(
            workspace,
            zipFile,
            (name, file) -> {
              ArtifactView view =
                  api.uploadArtifact(JOB, ATTEMPT, name, file.path(), file.size(), file.sha256());
              stopping.set(true);
              return view;
            },
            QUICK,
            (step, text) -> log.add(text),
            problem -> false,
            stopping::get);

    ArtifactUploads.Result result = stoppingAfterOne.upload(List.of("*.apk"));

    assertThat(result.stopped()).isTrue();
    assertThat(server.stored()).containsOnlyKeys("a.apk");
  }

  @Test
  void anInterruptAbandonsAnUploadUnderWay() throws Exception {
    write("build/web/index.html", "<html>");
    server.holdUploads();
    CompletableFuture<Throwable> ended = new CompletableFuture<>();
    Thread worker =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    upload("build/web");
                    ended.complete(null);
                  } catch (Throwable e) {
                    ended.complete(e);
                  }
                });
    assertThat(server.awaitHeld(10)).isTrue();

    worker.interrupt();

    await().atMost(Duration.ofSeconds(10)).until(ended::isDone);
    assertThat(ended.get()).isInstanceOf(InterruptedException.class);
    assertThat(zipFile).doesNotExist();
    assertThat(server.stored()).isEmpty();
  }

  @Test
  void sizesAreShownForPeople() {
    assertThat(ArtifactUploads.size(0)).isEqualTo("0 B");
    assertThat(ArtifactUploads.size(1536)).isEqualTo("1.5 KiB");
    assertThat(ArtifactUploads.size(3L * 1024 * 1024 * 1024)).isEqualTo("3.0 GiB");
  }
}
