package dev.hangar.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON over HTTP/1.1 as a runner or a person would speak it: one {@link HttpClient} (keep-alive
 * connections shared by every simulated client), answers stamped with the moment they arrived. A
 * request that gets no answer comes back as status -1 instead of an exception, so load loops count it
 * and carry on.
 */
final class Api {

  static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  /** An answer, the {@link System#nanoTime()} at which the request was sent and the one at which the answer's body had been read. */
  record Reply(int status, String body, long sentNanos, long atNanos) {

    JsonNode json() {
      return body == null || body.isEmpty() ? JSON.missingNode() : JSON.readTree(body);
    }

    String text(String field) {
      return json().path(field).asString();
    }

    /** The problem+json {@code code}, or empty. */
    String code() {
      try {
        return text("code");
      } catch (RuntimeException notJson) {
        return "";
      }
    }
  }

  Reply get(String url, String token, Duration timeout) {
    return send(request(url, token, timeout).GET());
  }

  Reply post(String url, String token, Object body, Duration timeout) {
    HttpRequest.Builder request = request(url, token, timeout);
    if (body == null) {
      request.POST(HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
    }
    return send(request);
  }

  private static HttpRequest.Builder request(String url, String token, Duration timeout) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return request;
  }

  private Reply send(HttpRequest.Builder request) {
    HttpRequest built = request.build();
    long sent = System.nanoTime();
    try {
      HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), response.body(), sent, System.nanoTime());
    } catch (IOException e) {
      return new Reply(-1, e.toString(), sent, System.nanoTime());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Reply(-1, "interrupted", sent, System.nanoTime());
    }
  }
}
