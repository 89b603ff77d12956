package dev.hangar.bench;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON over HTTP/1.1 as a runner or a person would speak it: one {@link Http11} client (keep-alive
 * connections shared by every simulated client), answers stamped with the moment they arrived. A
 * request that gets no answer comes back as status -1 instead of an exception, so load loops count
 * it and carry on.
 */
final class Api {

  static final JsonMapper JSON = JsonMapper.builder().build();

  private final Http11 http = new Http11();

  /**
   * An answer, the {@link System#nanoTime()} at which the request was sent and the one at which the
   * answer's body had been read.
   */
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

  Reply post(String url, String token, Object body, Duration timeout) {
    return send(
        "POST",
        url,
        token,
        "application/json",
        body == null ? null : JSON.writeValueAsBytes(body),
        timeout);
  }

  /** POST of raw bytes, such as a log chunk. */
  Reply postBytes(String url, String token, String contentType, byte[] body, Duration timeout) {
    return send("POST", url, token, contentType, body, timeout);
  }

  Reply get(String url, String token, Duration timeout) {
    return send("GET", url, token, null, null, timeout);
  }

  private Reply send(
      String method, String url, String token, String contentType, byte[] body, Duration timeout) {
    URI uri = URI.create(url);
    long sent = System.nanoTime();
    try {
      Http11.Response response =
          http.exchange(
              method,
              uri,
              token == null ? null : "Bearer " + token,
              body == null ? null : contentType,
              body,
              timeout);
      return new Reply(response.status(), response.body(), sent, System.nanoTime());
    } catch (IOException e) {
      return new Reply(-1, e.toString(), sent, System.nanoTime());
    }
  }
}
