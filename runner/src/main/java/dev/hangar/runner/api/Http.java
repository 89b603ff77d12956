package dev.hangar.runner.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * JSON over HTTP to one api-service: 2xx answers parsed, everything else turned into an {@link
 * ApiProblem}.
 */
final class Http {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** A request answered later than this counts as lost; a long-poll's own wait comes on top. */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient client;
  private final String base;

  Http(String baseUrl) {
    // HTTP/1.1 as curl speaks it: no h2c upgrade attempt on every plain-http request.
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .build();
    this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
  }

  /**
   * Sends {@code body} (or nothing) and reads a 2xx answer as {@code answer}; empty for 204 or when
   * {@code answer} is {@code Void}.
   */
  <T> Optional<T> send(
      String method, String path, String token, Object body, Class<T> answer, Duration timeout)
      throws InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(timeout)
            .header("Accept", "application/json")
            .header("User-Agent", "hangar-runner");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(
              method, HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body)));
    }
    HttpResponse<byte[]> response = exchange(request.build(), method, path);
    int status = response.statusCode();
    if (status < 200 || status > 299) {
      throw problem(status, response.body());
    }
    if (status == 204 || answer == Void.class) {
      return Optional.empty();
    }
    try {
      return Optional.of(Json.MAPPER.readValue(response.body(), answer));
    } catch (JacksonException e) {
      throw new ApiProblem(
          status,
          "unreadable_answer",
          "the answer to " + method + " " + path + " is not what this runner expects");
    }
  }

  /**
   * Sends {@code body} as it is, with this content type, and hands back any answer: for calls whose
   * refusals carry what the runner needs (the offset a log expects).
   */
  HttpResponse<byte[]> sendBytes(
      String method, String path, String token, byte[] body, String contentType, Duration timeout)
      throws InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(timeout)
            .header("Accept", "application/json")
            .header("User-Agent", "hangar-runner")
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", contentType)
            .method(method, HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    return exchange(request, method, path);
  }

  /**
   * Sends the first {@code size} bytes of {@code file} as the body, read as they go out, with a
   * {@code Content-Length} of {@code size} and these headers, and hands back any answer.
   */
  HttpResponse<byte[]> sendFile(
      String method,
      String path,
      String token,
      Path file,
      long size,
      Map<String, String> headers,
      Duration timeout)
      throws InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(timeout)
            .header("Accept", "application/json")
            .header("User-Agent", "hangar-runner")
            .header("Authorization", "Bearer " + token)
            .method(
                method,
                size == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> firstBytes(file, size)),
                        size));
    headers.forEach(request::header);
    return exchange(request.build(), method, path);
  }

  /**
   * The file's first {@code size} bytes: a file that grew since it was hashed sends what was hashed
   * in length, and the server's digest check tells whether the bytes are the same.
   */
  private static InputStream firstBytes(Path file, long size) {
    try {
      return new BoundedInputStream(Files.newInputStream(file), size);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private HttpResponse<byte[]> exchange(HttpRequest request, String method, String path)
      throws InterruptedException {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new ServerUnreachable(method + " " + path, e);
    }
  }

  /** The problem's code and detail; a proxy's HTML error page becomes {@code http_<status>}. */
  static ApiProblem problem(int status, byte[] body) {
    try {
      JsonNode problem = Json.MAPPER.readTree(body);
      String code = problem.path("code").asString("");
      if (!code.isEmpty()) {
        return new ApiProblem(status, code, problem.path("detail").asString(""));
      }
    } catch (JacksonException notJson) {
      // answered below
    }
    return new ApiProblem(status, "http_" + status, "");
  }
}
