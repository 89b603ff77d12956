package dev.hangar.runner.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hangar.model.artifacts.ArtifactName;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for the api-service's artifact upload endpoint (issue 17), which is built on another
 * branch at the same time as the runner's side: {@code PUT /v1/runners/{runner}/jobs/{job}
 * /artifacts/{name}?attempt=N} with the runner's bearer token, the file as an {@code
 * application/octet-stream} body with a {@code Content-Length} and its digest in {@code
 * Hangar-Content-SHA256}. It checks all of that as strictly as the contract says and answers 201
 * with the stored artifact, or the contract's problem answers. Tests that use it move to the real
 * api-service once that endpoint is merged; nothing else should.
 */
public final class ArtifactEndpointDouble implements AutoCloseable {

  private static final Pattern PATH =
      Pattern.compile("/v1/runners/([^/]+)/jobs/([^/]+)/artifacts/([^/]+)");
  private static final Pattern DIGEST = Pattern.compile("[0-9a-f]{64}");

  /** An artifact as stored. */
  public record Stored(String name, byte[] bytes, String sha256, int attempt) {}

  private record Refusal(int status, String code) {}

  /** What one upload request carried, whatever it was answered. */
  public record Received(String name, String contentLength, String contentType, String digest) {}

  private final String runnerId;
  private final String token;
  private final String jobId;
  private final int attempt;
  private final HttpServer server;
  private final Map<String, Stored> stored = new ConcurrentHashMap<>();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Deque<Refusal> refusals = new ArrayDeque<>();
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private volatile long maxSize = Long.MAX_VALUE;
  private volatile int digestsToDoubt;
  private volatile boolean leaseLost;
  private volatile boolean readRefusedBodies = true;
  private volatile CountDownLatch hold;
  private final CountDownLatch held = new CountDownLatch(1);

  public ArtifactEndpointDouble(String runnerId, String token, String jobId, int attempt)
      throws IOException {
    this.runnerId = runnerId;
    this.token = token;
    this.jobId = jobId;
    this.attempt = attempt;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public Map<String, Stored> stored() {
    return Map.copyOf(stored);
  }

  public List<Received> received() {
    return List.copyOf(received);
  }

  /** The next upload is answered with this problem, after its body was read. */
  public synchronized void refuseNext(int status, String code) {
    refusals.add(new Refusal(status, code));
  }

  /** Files above this many bytes are refused as {@code 413 artifact_too_large}. */
  public void limitSize(long bytes) {
    maxSize = bytes;
  }

  /**
   * The next {@code n} uploads arrive as if the file had changed while it was sent: {@code 400
   * checksum_mismatch}.
   */
  public void changeInTransit(int n) {
    digestsToDoubt = n;
  }

  /**
   * Refusals from now on answer before the body and close the connection, as a server does with a
   * body bigger than it swallows.
   */
  public void answerRefusalsBeforeTheBody() {
    readRefusedBodies = false;
  }

  /** From now on the job is another runner's: {@code 409 lease_lost}. */
  public void loseLease() {
    leaseLost = true;
  }

  /** Uploads are held, unanswered, until the runner gives up on them. */
  public void holdUploads() {
    hold = new CountDownLatch(1);
  }

  /** Waits until an upload is being held. */
  public boolean awaitHeld(long seconds) throws InterruptedException {
    return held.await(seconds, TimeUnit.SECONDS);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Matcher path = PATH.matcher(exchange.getRequestURI().getRawPath());
      if (!path.matches()) {
        problem(exchange, 404, "not_found");
        return;
      }
      String name = decode(path.group(3));
      var headers = exchange.getRequestHeaders();
      received.add(
          new Received(
              name,
              headers.getFirst("Content-Length"),
              headers.getFirst("Content-Type"),
              headers.getFirst("Hangar-Content-SHA256")));
      Refusal refusal = refusal(exchange, path, name);
      if (refusal != null) {
        if (readRefusedBodies) {
          // Keeps the connection usable for the next request, as a server that swallows it does.
          exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
        }
        problem(exchange, refusal.status(), refusal.code());
      } else {
        store(exchange, name, headers.getFirst("Hangar-Content-SHA256"));
      }
    }
  }

  /** What the contract refuses before it reads the body, in the order the server checks. */
  private Refusal refusal(HttpExchange exchange, Matcher path, String name) {
    var headers = exchange.getRequestHeaders();
    String digest = headers.getFirst("Hangar-Content-SHA256");
    if (!exchange.getRequestMethod().equals("PUT")) {
      return new Refusal(405, "method_not_allowed");
    } else if (!("Bearer " + token).equals(headers.getFirst("Authorization"))) {
      return new Refusal(401, "unauthorized");
    } else if (!path.group(1).equals(runnerId)) {
      return new Refusal(403, "not_your_runner");
    } else if (!path.group(2).equals(jobId)) {
      return new Refusal(404, "job_not_found");
    } else if (!("attempt=" + attempt).equals(exchange.getRequestURI().getRawQuery())
        || leaseLost) {
      return new Refusal(409, "lease_lost");
    } else if (!"application/octet-stream".equals(headers.getFirst("Content-Type"))) {
      return new Refusal(415, "unsupported_media_type");
    } else if (headers.getFirst("Content-Length") == null) {
      return new Refusal(411, "length_required");
    } else if (digest == null || !DIGEST.matcher(digest).matches()) {
      return new Refusal(400, "validation_failed");
    } else if (ArtifactName.problem(name).isPresent()) {
      return new Refusal(400, "invalid_artifact_name");
    } else if (Long.parseLong(headers.getFirst("Content-Length")) > maxSize) {
      return new Refusal(413, "artifact_too_large");
    }
    return null;
  }

  private void store(HttpExchange exchange, String name, String claimed) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    CountDownLatch waiting = hold;
    if (waiting != null) {
      held.countDown();
      try {
        waiting.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return;
    }
    Refusal refusal;
    synchronized (this) {
      refusal = refusals.poll();
    }
    if (refusal != null) {
      problem(exchange, refusal.status(), refusal.code());
      return;
    }
    String actual = sha256(body);
    if (digestsToDoubt > 0) {
      digestsToDoubt--;
      actual = "0".repeat(64);
    }
    if (!actual.equals(claimed)) {
      problem(exchange, 400, "checksum_mismatch");
      return;
    }
    stored.put(name, new Stored(name, body, actual, attempt));
    String json =
        String.format(
            Locale.ROOT,
            "{\"name\":\"%s\",\"size\":%d,\"sha256\":\"%s\",\"content_type\":\"application/octet-stream\","
                + "\"created_at\":%d,\"attempt\":%d}",
            name.replace("\\", "\\\\").replace("\"", "\\\""),
            body.length,
            actual,
            System.currentTimeMillis(),
            attempt);
    send(exchange, 201, "application/json", json);
  }

  private static void problem(HttpExchange exchange, int status, String code) throws IOException {
    send(
        exchange,
        status,
        "application/problem+json",
        "{\"type\":\"urn:hangar:problem:"
            + code
            + "\",\"title\":\"refused\",\"status\":"
            + status
            + ",\"code\":\""
            + code
            + "\",\"detail\":\"refused by the double\"}");
  }

  private static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private static String decode(String segment) {
    return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    CountDownLatch waiting = hold;
    if (waiting != null) {
      waiting.countDown();
    }
    server.stop(0);
    executor.shutdownNow();
  }
}
