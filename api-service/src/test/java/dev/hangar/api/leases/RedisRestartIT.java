package dev.hangar.api.leases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hangar.api.support.ApiClient;
import dev.hangar.api.support.Given;
import dev.hangar.api.support.Hangar;
import dev.hangar.testing.Directories;
import dev.hangar.testing.FreePorts;
import dev.hangar.testing.TestNamespace;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * ARCHITECTURE.md's fault "a Redis restart with AOF", on a private redis-server of the test's own:
 * while Redis is away the API answers 503 (not 500, not a hang); after it is back every build,
 * lease and runner is where it was, and claims, reports and the reaper (whose scripts Redis has
 * forgotten) carry on.
 */
class RedisRestartIT {

  @Test
  void everythingCarriesOnAfterARestart() throws Exception {
    Path dir = Files.createTempDirectory("hangar-redis-aof");
    int port = FreePorts.next();
    Process redis = startRedis(port, dir);
    try (Hangar hangar =
        Hangar.start(
            TestNamespace.create(port),
            1,
            1,
            Map.of(
                "hangar.lease-ttl",
                "10s",
                "hangar.heartbeat-interval",
                "2s",
                "spring.data.redis.timeout",
                "2s"))) {
      ApiClient api = hangar.client();
      Given given = new Given(api);
      String pipeline = given.pipeline("android");
      Given.Runner first = given.runner("android");
      Given.Runner second = given.runner("android");
      String running = given.build(pipeline);
      String waiting = given.build(pipeline);
      api.post(first.path("/claim"), first.token(), null).expect(200);
      api.post(
              first.path("/jobs/" + running + "/status"),
              first.token(),
              Map.of("status", "running"))
          .expect(200);

      redis.destroy(); // SIGTERM: Redis flushes its append-only file and exits
      redis.waitFor();
      ApiClient.Response away = api.get("/v1/builds/" + running, given.adminToken());
      assertThat(away.status()).isEqualTo(503);
      assertThat(away.text("code")).isEqualTo("service_unavailable");

      redis = startRedis(port, dir);
      await()
          .atMost(Duration.ofSeconds(30))
          .ignoreExceptions()
          .until(() -> api.get("/v1/builds/" + running, given.adminToken()).status() == 200);
      JsonNode view = api.get("/v1/builds/" + running, given.adminToken()).json();
      assertThat(view.path("status").asString()).isEqualTo("running");
      assertThat(view.path("runner_id").asString()).isEqualTo(first.id());

      assertThat(
              api.post(first.path("/heartbeat"), first.token(), null)
                  .expect(200)
                  .json()
                  .path("jobs")
                  .findValuesAsString("job_id"))
          .containsExactly(running);
      assertThat(api.post(second.path("/claim"), second.token(), null).expect(200).text("build_id"))
          .isEqualTo(waiting);
      api.post(
              first.path("/jobs/" + running + "/status"),
              first.token(),
              Map.of("status", "succeeded", "exit_code", 0))
          .expect(200);

      // The second runner goes silent: the reaper, after the restart, still hands its build on.
      JsonNode again =
          api.post(first.path("/claim?wait=20"), first.token(), null).expect(200).json();
      assertThat(again.path("build_id").asString()).isEqualTo(waiting);
      assertThat(again.path("attempt").asInt()).isEqualTo(2);
    } finally {
      redis.destroy();
      redis.waitFor();
      Directories.deleteTree(dir);
    }
  }

  private static Process startRedis(int port, Path dir) throws IOException {
    Process process =
        new ProcessBuilder(
                List.of(
                    "redis-server",
                    "--port",
                    String.valueOf(port),
                    "--bind",
                    "127.0.0.1",
                    "--appendonly",
                    "yes",
                    "--appendfsync",
                    "always",
                    "--save",
                    "",
                    "--dir",
                    dir.toString()))
            .redirectOutput(dir.resolve("redis.log").toFile())
            .redirectErrorStream(true)
            .start();
    await().atMost(Duration.ofSeconds(20)).until(() -> answers(port));
    return process;
  }

  private static boolean answers(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
