package dev.hangar.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * What {@code hangar-runner register} does with flags it cannot use: exit code 2 and one line on
 * stderr, before anything reaches the server. The command line is the one {@code main} runs; the
 * server only counts what it is sent. RegisterIT checks the same from the packaged jar.
 */
class UsageErrorsTest {

  private static final AtomicInteger requests = new AtomicInteger();
  private static HttpServer server;

  @TempDir static Path dir;

  @BeforeAll
  static void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          requests.incrementAndGet();
          exchange.sendResponseHeaders(500, -1);
          exchange.close();
        });
    server.start();
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  private record Outcome(int exitCode, String stderr) {}

  private static Outcome register(List<String> flags) {
    List<String> args = new ArrayList<>(List.of("register"));
    args.addAll(flags);
    StringWriter stderr = new StringWriter();
    CommandLine cli = HangarRunner.commandLine();
    cli.setErr(new PrintWriter(stderr, true));
    cli.setOut(new PrintWriter(new StringWriter(), true));
    return new Outcome(cli.execute(args.toArray(String[]::new)), stderr.toString());
  }

  private static String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  static List<List<String>> badFlags() {
    return List.of(
        List.of("--name", "x", "--platform", "linux", "--capacity", "0"),
        List.of("--name", "x", "--platform", "linux", "--capacity", "many"),
        List.of("--name", "x", "--platform", "plan9"),
        List.of("--name", "x", "--platform", "linux", "--tool", "flutter=latest"),
        List.of("--name", "x", "--platform", "linux", "--tool", "flutter"),
        List.of("--name", "x", "--platform", "linux", "--label", "Not A Label"),
        List.of("--name", "", "--platform", "linux"),
        List.of("--platform", "linux"),
        List.of("--name", "x", "--platform", "linux", "--colour", "blue"));
  }

  @ParameterizedTest
  @MethodSource("badFlags")
  void badFlagsAreOneClearLineAndExitCodeTwoWithNothingSent(List<String> flags) {
    int before = requests.get();
    List<String> args = new ArrayList<>(List.of("--url", url()));
    args.addAll(flags);
    args.addAll(List.of("--config", dir.resolve("never").resolve("runner.json").toString()));

    Outcome done = register(args);

    assertThat(done.exitCode()).as(done.stderr()).isEqualTo(ExitCodes.USAGE);
    assertThat(done.stderr().lines().toList())
        .as(done.stderr())
        .hasSize(1)
        .first()
        .asString()
        .startsWith("hangar-runner: ");
    assertThat(requests.get()).isEqualTo(before);
    assertThat(dir.resolve("never")).doesNotExist();
  }

  @Test
  void anExistingConfigIsKeptAndNothingIsSent() throws IOException {
    Path config = Files.writeString(dir.resolve("existing.json"), "{}");
    int before = requests.get();

    Outcome done =
        register(
            List.of(
                "--url",
                url(),
                "--name",
                "again",
                "--platform",
                "linux",
                "--config",
                config.toString()));

    assertThat(done.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(done.stderr()).contains(config + " already exists");
    assertThat(config).hasContent("{}");
    assertThat(requests.get()).isEqualTo(before);
  }
}
