package dev.hangar.api.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.api.support.ApiClient;
import dev.hangar.api.support.Given;
import dev.hangar.testing.HangarNamespaceExtension;
import dev.hangar.testing.HangarProcess;
import dev.hangar.testing.HangarProcesses;
import dev.hangar.testing.TestNamespace;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 96 MiB artifact through two api-service processes whose heaps hold 128 MiB: uploaded through
 * one, downloaded byte for byte through the other, so neither ever holds the file. The test does
 * not either: the bytes come from a seed and are compared by their SHA-256.
 */
@ExtendWith(HangarNamespaceExtension.class)
class LargeArtifactIT {

  private static final long SIZE = 96L * 1024 * 1024;
  private static final long SEED = 17;

  @TempDir static Path dataDir;
  private static HangarProcess first;
  private static HangarProcess second;

  @BeforeAll
  static void start(TestNamespace namespace) {
    Map<String, Object> settings = Map.of("hangar.data-dir", dataDir);
    first = HangarProcesses.launchApi(namespace, settings, List.of("-Xmx128m"));
    second = HangarProcesses.launchApi(namespace, settings, List.of("-Xmx128m"));
    first.awaitHealthy();
    second.awaitHealthy();
  }

  @AfterAll
  static void stop() {
    first.close();
    second.close();
  }

  @Test
  void aFileLargerThanHalfTheHeapGoesThroughOneInstanceAndComesBackThroughTheOther()
      throws IOException {
    ApiClient api = new ApiClient(first.baseUrl());
    Given given = new Given(api);
    String pipeline = given.pipeline("android");
    Given.Runner runner = given.runner("android");
    String build = given.build(pipeline);
    int attempt = given.runningJob(runner, build).attempt();
    String sha = SeededBytes.sha256(SEED, SIZE);

    Transfers.put(
            first.baseUrl()
                + runner.path("/jobs/" + build + "/artifacts/app-release.aab?attempt=" + attempt),
            Map.of("Authorization", "Bearer " + runner.token(), ArtifactUploads.CHECKSUM, sha),
            () -> new SeededBytes(SEED, SIZE),
            SIZE)
        .expect(201);

    Map<String, String> session = Map.of("Authorization", "Bearer " + given.adminToken());
    String url = second.baseUrl() + "/v1/builds/" + build + "/artifacts/app-release.aab";
    HttpResponse<InputStream> whole = Transfers.stream(url, session);
    assertThat(whole.statusCode()).isEqualTo(200);
    assertThat(whole.headers().firstValue("Content-Length")).hasValue(Long.toString(SIZE));
    assertThat(SeededBytes.sha256(whole.body())).isEqualTo(sha);

    long from = 70_000_000;
    Transfers.Download range =
        Transfers.get(
            url,
            Map.of(
                "Authorization",
                session.get("Authorization"),
                "Range",
                "bytes=" + from + "-" + (from + 65_535)));
    assertThat(range.status()).isEqualTo(206);
    assertThat(range.header("Content-Range"))
        .isEqualTo("bytes " + from + "-" + (from + 65_535) + "/" + SIZE);
    try (InputStream expected = new SeededBytes(SEED, SIZE)) {
      expected.skipNBytes(from);
      assertThat(range.body()).isEqualTo(expected.readNBytes(65_536));
    }
  }
}
