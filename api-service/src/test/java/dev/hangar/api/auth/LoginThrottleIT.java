package dev.hangar.api.auth;

import static dev.hangar.api.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.hangar.api.support.ApiClient.Response;
import dev.hangar.api.support.Given;
import dev.hangar.api.support.Hangar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Failed logins are throttled per username and per peer address, on every instance at once, before
 * any password is hashed; each failure is logged without the password. Each test logs in from a
 * loopback address of its own (127.0.0.x) and usernames of its own, so the peers' counts never meet
 * and the tests run at once: two of them wait out a lockout.
 */
@Execution(ExecutionMode.CONCURRENT)
class LoginThrottleIT {

  private static final int MAX_FAILURES = 3;
  private static final int MAX_FAILURES_PER_ADDRESS = 6;
  private static final Duration LOCKOUT = Duration.ofSeconds(5);
  private static final String WRONG = "not-the-password";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final AtomicInteger PEERS = new AtomicInteger(1);

  private static Hangar hangar;
  private static Given given;
  private static ListAppender<ILoggingEvent> log;

  @BeforeAll
  static void start() {
    hangar =
        Hangar.start(
            2,
            0,
            Map.of(
                "hangar.login.max-failures",
                MAX_FAILURES,
                "hangar.login.max-failures-per-address",
                MAX_FAILURES_PER_ADDRESS,
                "hangar.login.lockout",
                LOCKOUT.toSeconds() + "s",
                "hangar.login.lockout-max",
                "20s",
                "hangar.login.failure-window",
                "1m"));
    // After start-up: Spring Boot re-initialises logging when a context starts.
    log = new ListAppender<>();
    log.start();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(log);
    given = new Given(hangar.client());
  }

  @AfterAll
  static void stop() throws Exception {
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(log);
    hangar.close();
  }

  @Test
  void wrongPasswordsLockTheUsernameOnEveryInstanceUntilTheDelayHasPassed() {
    String password = user("carol");
    Peer peer = Peer.next();
    for (int i = 0; i < MAX_FAILURES; i++) {
      assertProblem(peer.login(0, "carol", WRONG), 401, "invalid_credentials");
    }

    Response other = peer.login(1, "carol", password);
    Response same = peer.login(0, "carol", password);

    for (Response refused : List.of(other, same)) {
      JsonNode problem = assertProblem(refused, 429, "too_many_attempts");
      long retryAfter = retryAfter(refused);
      assertThat(retryAfter).isBetween(1L, LOCKOUT.toSeconds());
      assertThat(problem.path("detail").asString()).contains(retryAfter + " s");
    }
    await()
        .atMost(LOCKOUT.plusSeconds(15))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> peer.login(1, "carol", password).status() == 200);
  }

  @Test
  void anUnknownUsernameIsAnsweredExactlyLikeAKnownOne() {
    user("dora");
    Response known = lockOut(Peer.next(), "dora");
    Response unknown = lockOut(Peer.next(), "nobody-by-this-name");

    assertProblem(known, 429, "too_many_attempts");
    assertProblem(unknown, 429, "too_many_attempts");
    assertThat(withoutDigits(unknown.body())).isEqualTo(withoutDigits(known.body()));
    assertThat(unknown.headers().keySet()).isEqualTo(known.headers().keySet());
  }

  @Test
  void anotherUsernameFromTheSamePeerIsThrottledByThePeersLimit() {
    String password = user("pia");
    Peer peer = Peer.next();
    // Below each username's own limit, but together the peer's: 3 + 2 + 1 failures.
    List<String> failures = List.of("paul", "paul", "paul", "pia", "pia", "pete");
    assertThat(failures).hasSize(MAX_FAILURES_PER_ADDRESS);
    for (String username : failures) {
      assertProblem(peer.login(0, username, WRONG), 401, "invalid_credentials");
    }

    assertProblem(peer.login(1, "pia", password), 429, "too_many_attempts");
    assertProblem(peer.login(1, "someone-new", WRONG), 429, "too_many_attempts");
    assertThat(Peer.next().login(1, "pia", password).status())
        .as("pia from another address")
        .isEqualTo(200);
  }

  @Test
  void aSuccessfulLoginStartsTheUsernamesCountAfresh() {
    String password = user("erin");
    Peer peer = Peer.next();
    for (int i = 0; i < MAX_FAILURES - 1; i++) {
      assertProblem(peer.login(0, "erin", WRONG), 401, "invalid_credentials");
    }
    peer.login(1, "erin", password).expect(200);

    for (int i = 0; i < MAX_FAILURES; i++) {
      assertProblem(peer.login(i % 2, "erin", WRONG), 401, "invalid_credentials");
    }
    assertProblem(peer.login(0, "erin", password), 429, "too_many_attempts");
  }

  @Test
  void aSuccessfulLoginDoesNotLeaveItsAddressLocked() {
    String ida = user("ida");
    String jon = user("jon");
    Peer peer = Peer.next();
    // One failure short of the peer's limit, each username below its own.
    List<String> failures = List.of("ida", "ida", "kim", "kim", "lou");
    assertThat(failures).hasSize(MAX_FAILURES_PER_ADDRESS - 1);
    for (String username : failures) {
      assertProblem(peer.login(0, username, WRONG), 401, "invalid_credentials");
    }

    // Counted while its password is checked, this attempt reaches the peer's limit; succeeding, it
    // gives the count back.
    peer.login(1, "ida", ida).expect(200);

    peer.login(0, "jon", jon).expect(200);
  }

  @Test
  void eachFailureAfterALockoutDoublesTheDelay() {
    user("grace");
    Peer peer = Peer.next();
    lockOut(peer, "grace");

    // Refused attempts do not count: the first one let through after the delay is one more failure.
    await()
        .atMost(LOCKOUT.plusSeconds(15))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> peer.login(0, "grace", WRONG).status() == 401);
    Response refused = peer.login(1, "grace", WRONG);

    assertProblem(refused, 429, "too_many_attempts");
    assertThat(retryAfter(refused)).isBetween(LOCKOUT.toSeconds() + 1, 2 * LOCKOUT.toSeconds());
  }

  @Test
  void aFloodOfParallelWrongLoginsIsRefusedOnceTheLimitIsReached() {
    user("frank");
    Peer peer = Peer.next();
    int flood = 200;

    List<CompletableFuture<Response>> answers = new ArrayList<>();
    for (int i = 0; i < flood; i++) {
      answers.add(peer.loginAsync(i % 2, "frank", WRONG));
    }
    Map<Integer, Long> byStatus =
        answers.stream()
            .map(CompletableFuture::join)
            .collect(Collectors.groupingBy(Response::status, Collectors.counting()));

    assertThat(byStatus.keySet()).as("answers by status: %s", byStatus).containsOnly(401, 429);
    assertThat(byStatus.get(401))
        .as("attempts whose password was checked, of %s", byStatus)
        .isEqualTo(MAX_FAILURES);
    assertThat(byStatus.get(429)).isEqualTo(flood - MAX_FAILURES);
  }

  @Test
  void eachFailedLoginIsLoggedWithUsernameAndPeerButNeverThePassword() {
    Peer peer = Peer.next();
    String username = "mallory\n2099-01-01 INFO forged\u0007";
    String password = "correct-horse-battery-staple";

    peer.login(0, username, password, Map.of("X-Forwarded-For", "203.0.113.7"));
    for (int i = 1; i < MAX_FAILURES + 1; i++) {
      peer.login(i % 2, username, password);
    }

    List<String> lines = logged(peer.address());
    assertThat(lines).as("one line per failed login").hasSize(MAX_FAILURES + 1);
    assertThat(lines)
        .allSatisfy(
            line ->
                assertThat(line).contains("mallory?2099-01-01 INFO forged?").doesNotContain("\n"));
    assertThat(lines.get(0))
        .contains("from " + peer.address() + " (X-Forwarded-For: 203.0.113.7)")
        .contains("not throttled");
    assertThat(lines.get(MAX_FAILURES - 1)).contains("throttled for " + LOCKOUT.toSeconds() + " s");
    assertThat(lines.get(MAX_FAILURES)).contains("refused");
    assertThat(everythingLogged()).noneMatch(line -> line.contains(password));
  }

  /** Fails a fresh peer's logins for this username until it is refused; answers the refusal. */
  private static Response lockOut(Peer peer, String username) {
    for (int i = 0; i < MAX_FAILURES; i++) {
      assertProblem(peer.login(i % 2, username, WRONG), 401, "invalid_credentials");
    }
    return peer.login(0, username, WRONG);
  }

  /** Creates the user; answers its password. */
  private static String user(String username) {
    String password = username + "-password";
    hangar
        .client()
        .post("/v1/users", given.adminToken(), Map.of("username", username, "password", password))
        .expect(201);
    return password;
  }

  private static long retryAfter(Response response) {
    assertThat(response.header("Retry-After")).as("Retry-After in whole seconds").matches("[0-9]+");
    return Long.parseLong(response.header("Retry-After"));
  }

  private static String withoutDigits(String text) {
    return text.replaceAll("[0-9]+", "#");
  }

  private static List<String> logged(String address) {
    return everythingLogged().stream()
        .filter(line -> line.contains("login") && line.contains(address))
        .toList();
  }

  private static List<String> everythingLogged() {
    synchronized (log) {
      return log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
  }

  /** A client calling from a loopback address of its own, as a separate machine would. */
  private record Peer(InetAddress local, HttpClient http) {

    static Peer next() {
      try {
        InetAddress local = InetAddress.getByName("127.0.0." + (1 + PEERS.incrementAndGet()));
        return new Peer(
            local,
            HttpClient.newBuilder()
                .localAddress(local)
                .connectTimeout(Duration.ofSeconds(5))
                .build());
      } catch (UnknownHostException e) {
        throw new IllegalStateException(e);
      }
    }

    String address() {
      return local.getHostAddress();
    }

    Response login(int instance, String username, String password) {
      return login(instance, username, password, Map.of());
    }

    Response login(int instance, String username, String password, Map<String, String> headers) {
      try {
        return toResponse(
            http.send(
                request(instance, username, password, headers),
                HttpResponse.BodyHandlers.ofString()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    CompletableFuture<Response> loginAsync(int instance, String username, String password) {
      return http.sendAsync(
              request(instance, username, password, Map.of()), HttpResponse.BodyHandlers.ofString())
          .thenApply(Peer::toResponse);
    }

    private static HttpRequest request(
        int instance, String username, String password, Map<String, String> headers) {
      byte[] body = JSON.writeValueAsBytes(Map.of("username", username, "password", password));
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(hangar.api(instance).baseUrl() + "/v1/sessions"))
              .timeout(Duration.ofSeconds(60))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(body));
      headers.forEach(request::header);
      return request.build();
    }

    private static Response toResponse(HttpResponse<String> response) {
      return new Response(response.statusCode(), response.headers().map(), response.body());
    }
  }
}
