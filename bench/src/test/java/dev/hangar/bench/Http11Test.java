package dev.hangar.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bench's HTTP client against the JDK's own server: every body framing Hangar answers with. */
class Http11Test {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final Http11 http = new Http11();
  private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
  private HttpServer server;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/sized", ex -> answer(ex, 200, "{\"size\":\"known\"}", false));
    server.createContext("/chunked", ex -> answer(ex, 201, "é".repeat(5000), true));
    server.createContext("/empty", ex -> answer(ex, 204, "", false));
    server.createContext(
        "/echo",
        ex -> {
          String seen =
              ex.getRequestMethod()
                  + " "
                  + ex.getRequestURI()
                  + " "
                  + ex.getRequestHeaders().getFirst("Authorization")
                  + " "
                  + ex.getRequestHeaders().getFirst("Content-Type")
                  + " "
                  + new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          answer(ex, 200, seen, false);
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void readsSizedChunkedAndEmptyBodiesOnOneKeptAliveConnection() throws IOException {
    assertThat(http.exchange("GET", uri("/sized"), null, null, null, TIMEOUT))
        .isEqualTo(new Http11.Response(200, "{\"size\":\"known\"}"));
    assertThat(http.exchange("POST", uri("/chunked"), null, null, null, TIMEOUT))
        .isEqualTo(new Http11.Response(201, "é".repeat(5000)));
    assertThat(http.exchange("POST", uri("/empty"), null, null, null, TIMEOUT))
        .isEqualTo(new Http11.Response(204, ""));
    assertThat(http.exchange("GET", uri("/sized"), null, null, null, TIMEOUT).status())
        .isEqualTo(200);
    assertThat(clientPorts).hasSize(1);
  }

  @Test
  void sendsMethodTargetTokenAndBody() throws IOException {
    byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
    Http11.Response response =
        http.exchange("POST", uri("/echo?wait=0"), "Bearer t", "application/json", body, TIMEOUT);
    assertThat(response.body()).isEqualTo("POST /echo?wait=0 Bearer t application/json {\"a\":1}");
  }

  @Test
  void anAnswerThatIsNotHttpFailsTheExchange() throws IOException {
    try (ServerSocket garbage = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread.ofVirtual()
          .start(
              () -> {
                try (Socket s = garbage.accept()) {
                  s.getInputStream().read(new byte[1024]);
                  s.getOutputStream().write("hello\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException ignored) {
                  // the test fails on the client side if this side does
                }
              });
      URI target = URI.create("http://127.0.0.1:" + garbage.getLocalPort() + "/");
      assertThatThrownBy(() -> http.exchange("GET", target, null, null, null, TIMEOUT))
          .isInstanceOf(IOException.class);
    }
  }

  @Test
  void aKeptAliveConnectionTheServerClosedMeanwhileIsReplacedAndTheRequestSentAgain()
      throws IOException {
    byte[] ok =
        "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII);
    try (ServerSocket closing = new ServerSocket(0, 2, InetAddress.getLoopbackAddress())) {
      Thread.ofVirtual()
          .start(
              () -> {
                try (Socket first = closing.accept()) {
                  first.getInputStream().read(new byte[1024]);
                  first.getOutputStream().write(ok);
                } catch (IOException ignored) {
                  // the test fails on the client side if this side does
                }
                try (Socket second = closing.accept()) {
                  second.getInputStream().read(new byte[1024]);
                  second.getOutputStream().write(ok);
                } catch (IOException ignored) {
                  // as above
                }
              });
      URI target = URI.create("http://127.0.0.1:" + closing.getLocalPort() + "/");
      assertThat(http.exchange("POST", target, null, null, null, TIMEOUT))
          .isEqualTo(new Http11.Response(200, "ok"));
      assertThat(http.exchange("POST", target, null, null, null, TIMEOUT))
          .isEqualTo(new Http11.Response(200, "ok"));
    }
  }

  private URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery);
  }

  private void answer(HttpExchange exchange, int status, String body, boolean chunked)
      throws IOException {
    clientPorts.add(exchange.getRemoteAddress().getPort());
    exchange.getRequestBody().readAllBytes();
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    if (status == 204) {
      exchange.sendResponseHeaders(204, -1);
    } else {
      exchange.sendResponseHeaders(status, chunked ? 0 : bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
    exchange.close();
  }
}
