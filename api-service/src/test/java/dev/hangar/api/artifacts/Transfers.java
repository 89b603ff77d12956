package dev.hangar.api.artifacts;

import dev.hangar.api.support.ApiClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Artifact bodies as a runner and a browser move them: uploads with a Content-Length from a stream,
 * downloads as bytes or as a stream, and a raw socket for a client that gives up halfway.
 */
final class Transfers {

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private Transfers() {}

  /** An answer whose body is bytes, not text. */
  record Download(int status, Map<String, java.util.List<String>> headers, byte[] body) {

    String header(String name) {
      return new ApiClient.Response(status, headers, "").header(name);
    }

    /** The body read as a problem, for {@link dev.hangar.api.support.Problems}. */
    ApiClient.Response asResponse() {
      return new ApiClient.Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }
  }

  /** {@code PUT} with these headers and exactly {@code length} bytes from {@code body}. */
  static ApiClient.Response put(
      String url, Map<String, String> headers, Supplier<InputStream> body, long length) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofMinutes(2))
            .PUT(
                length == 0
                    ? HttpRequest.BodyPublishers.ofByteArray(new byte[0])
                    : HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(body), length));
    headers.forEach(request::header);
    return text(request);
  }

  /** {@code PUT} streamed chunked, without a Content-Length. */
  static ApiClient.Response putChunked(
      String url, Map<String, String> headers, Supplier<InputStream> body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofMinutes(2))
            .PUT(HttpRequest.BodyPublishers.ofInputStream(body));
    headers.forEach(request::header);
    return text(request);
  }

  static Download get(String url, Map<String, String> headers) {
    return bytes("GET", url, headers);
  }

  static Download head(String url, Map<String, String> headers) {
    return bytes("HEAD", url, headers);
  }

  private static Download bytes(String method, String url, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofMinutes(2))
            .method(method, HttpRequest.BodyPublishers.noBody());
    headers.forEach(request::header);
    try {
      HttpResponse<byte[]> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Download(response.statusCode(), response.headers().map(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A download as a stream, for files too big to hold. */
  static HttpResponse<InputStream> stream(String url, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2)).GET();
    headers.forEach(request::header);
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * A raw HTTP/1.1 request that announces {@code Content-Length: length} and sends {@code sent}
   * bytes of the body, then keeps the socket open for the caller to finish or close.
   */
  static Socket startUpload(
      String baseUrl, String path, Map<String, String> headers, long length, byte[] sent)
      throws IOException {
    URI base = URI.create(baseUrl);
    Socket socket = new Socket(base.getHost(), base.getPort());
    StringBuilder head =
        new StringBuilder("PUT " + path + " HTTP/1.1\r\n")
            .append("Host: ")
            .append(base.getHost())
            .append(':')
            .append(base.getPort())
            .append("\r\n")
            .append("Content-Length: ")
            .append(length)
            .append("\r\n");
    headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    head.append("\r\n");
    OutputStream out = socket.getOutputStream();
    out.write(head.toString().getBytes(StandardCharsets.UTF_8));
    out.write(sent);
    out.flush();
    return socket;
  }

  /** Sends the rest of a started upload and reads the status line of the answer. */
  static int finishUpload(Socket socket, byte[] rest) throws IOException {
    try (socket) {
      socket.getOutputStream().write(rest);
      socket.getOutputStream().flush();
      socket.setSoTimeout(30_000);
      InputStream in = socket.getInputStream();
      StringBuilder line = new StringBuilder();
      for (int c; (c = in.read()) >= 0 && c != '\n'; ) {
        line.append((char) c);
      }
      return Integer.parseInt(line.toString().split(" ")[1]);
    }
  }

  private static ApiClient.Response text(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new ApiClient.Response(
          response.statusCode(), response.headers().map(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
