package dev.hangar.api.support;

import dev.hangar.testing.TestSecrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plain HTTP client for the REST API, speaking JSON as a runner or a person would: tests see the
 * real status codes, headers and bodies, not Spring's view of them.
 */
public final class ApiClient {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final String baseUrl;
  private final Duration timeout;

  public ApiClient(String baseUrl) {
    this(baseUrl, Duration.ofSeconds(60));
  }

  public ApiClient(String baseUrl, Duration timeout) {
    this.baseUrl = baseUrl;
    this.timeout = timeout;
  }

  public Response get(String path, String token) {
    return send("GET", path, token, null, "application/json");
  }

  public Response delete(String path, String token) {
    return send("DELETE", path, token, null, "application/json");
  }

  public Response post(String path, String token, Object body) {
    return send("POST", path, token, body, "application/json");
  }

  public Response patch(String path, String token, Object body) {
    return send("PATCH", path, token, body, "application/json");
  }

  /**
   * Sends any method with a body given as an object (JSON-encoded), raw text, or null; any content
   * type.
   */
  public Response send(String method, String path, String token, Object body, String contentType) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      byte[] bytes =
          body instanceof String text
              ? text.getBytes()
              : body instanceof byte[] raw ? raw : JSON.writeValueAsBytes(body);
      request
          .header("Content-Type", contentType)
          .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
    }
    return exchange(request);
  }

  /**
   * Sends the body without a Content-Length, so HTTP/1.1 streams it chunked, as a client piping a
   * file would; the server cannot tell the size before reading.
   */
  public Response sendChunked(
      String method, String path, String token, byte[] body, String contentType) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(timeout)
            .version(HttpClient.Version.HTTP_1_1)
            .header("Content-Type", contentType)
            .method(
                method,
                HttpRequest.BodyPublishers.ofInputStream(
                    () -> new java.io.ByteArrayInputStream(body)));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return exchange(request);
  }

  /**
   * Sends with exactly these headers (no Authorization is added), for odd or broken credentials.
   */
  public Response sendWithHeaders(
      String method, String path, Map<String, String> headers, Object body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout);
    headers.forEach(request::header);
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      if (!headers.containsKey("Content-Type")) {
        request.header("Content-Type", "application/json");
      }
      request.method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
    }
    return exchange(request);
  }

  private static Response exchange(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.headers().map(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A session token for the bootstrap admin. */
  public String loginAdmin() {
    return post(
            "/v1/sessions",
            null,
            Map.of("username", "admin", "password", TestSecrets.ADMIN_PASSWORD))
        .expect(200)
        .text("token");
  }

  public record Response(int status, Map<String, java.util.List<String>> headers, String body) {

    public JsonNode json() {
      return body == null || body.isEmpty() ? JSON.missingNode() : JSON.readTree(body);
    }

    public String text(String field) {
      return json().path(field).asString();
    }

    /**
     * The first value of a response header (names are matched case-insensitively), or empty text.
     */
    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().getFirst())
          .findFirst()
          .orElse("");
    }

    /**
     * Whether the answer came in one piece, with a Content-Length that matches its body, not
     * chunked.
     */
    public boolean cameWhole() {
      return header("Transfer-Encoding").isEmpty()
          && header("Content-Length")
              .equals(
                  Integer.toString(body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
    }

    public String contentType() {
      return headers.getOrDefault("content-type", java.util.List.of("")).getFirst();
    }

    /** Fails with the body in the message, so a wrong status explains itself. */
    public Response expect(int expected) {
      if (status != expected) {
        throw new AssertionError("expected HTTP " + expected + " but got " + status + ": " + body);
      }
      return this;
    }
  }
}
