package dev.hangar.api.logs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Server-Sent Events client as a browser's EventSource is one: it reads events as they come, on a
 * thread of its own, and keeps them for the test to look at.
 */
final class EventStream implements AutoCloseable {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** One event: its id, its name ({@code message} when it has none) and its data. */
  record Event(String id, String name, String data) {
    JsonNode json() {
      return JSON.readTree(data);
    }
  }

  private final List<Event> events = new CopyOnWriteArrayList<>();
  private volatile int status;
  private volatile String contentType = "";
  private volatile InputStream body;
  private volatile boolean ended;

  private EventStream() {}

  static EventStream open(String baseUrl, String path, String token, String lastEventId) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .header("Authorization", "Bearer " + token)
            .header("Accept", "text/event-stream");
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    EventStream stream = new EventStream();
    Thread.ofVirtual().name("event stream " + path).start(() -> stream.read(request.build()));
    return stream;
  }

  private void read(HttpRequest request) {
    try {
      HttpResponse<InputStream> response =
          HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
      contentType = response.headers().firstValue("Content-Type").orElse("");
      body = response.body();
      status = response.statusCode();
      BufferedReader lines =
          new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
      String id = null;
      String name = null;
      StringBuilder data = null;
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.isEmpty()) {
          if (data != null) {
            events.add(new Event(id, name == null ? "message" : name, data.toString()));
          }
          id = null;
          name = null;
          data = null;
          continue;
        }
        int colon = line.indexOf(':');
        if (colon == 0) {
          continue;
        }
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        value = value.startsWith(" ") ? value.substring(1) : value;
        switch (field) {
          case "id" -> id = value;
          case "event" -> name = value;
          case "data" ->
              data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
          default -> {}
        }
      }
    } catch (IOException | InterruptedException closed) {
      // close(), or the server ended the stream
    } finally {
      ended = true;
    }
  }

  /** The HTTP status, once the answer's head has come; 0 before. */
  int status() {
    return status;
  }

  String contentType() {
    return contentType;
  }

  List<Event> events() {
    return List.copyOf(events);
  }

  /** The text of every {@code log} event so far, in order. */
  String text() {
    StringBuilder text = new StringBuilder();
    events.stream()
        .filter(e -> e.name().equals("log"))
        .forEach(e -> text.append(e.json().path("text").asString()));
    return text.toString();
  }

  /** The {@code end} event, once it came. */
  java.util.Optional<Event> end() {
    return events.stream().filter(e -> e.name().equals("end")).findFirst();
  }

  /** Whether the server ended the stream. */
  boolean ended() {
    return ended;
  }

  @Override
  public void close() throws IOException {
    InputStream open = body;
    if (open != null) {
      open.close();
    }
  }
}
