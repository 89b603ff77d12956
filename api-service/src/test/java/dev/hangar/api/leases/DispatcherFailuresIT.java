package dev.hangar.api.leases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import dev.hangar.api.support.ApiClient;
import dev.hangar.api.support.Given;
import dev.hangar.api.support.Hangar;
import dev.hangar.engine.broker.QueueNames;
import dev.hangar.engine.broker.QueuedBuild;
import dev.hangar.engine.claims.ClaimOutcome;
import dev.hangar.engine.claims.ClaimScript;
import dev.hangar.engine.claims.Claimant;
import dev.hangar.engine.redis.Keys;
import dev.hangar.engine.runners.AuthenticatedRunner;
import dev.hangar.engine.runners.RunnerCredentials;
import dev.hangar.engine.runners.RunnerStore;
import dev.hangar.model.Priority;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import tools.jackson.databind.JsonNode;

/**
 * ARCHITECTURE.md's faults, each case in a Hangar of its own: leases that expire while no
 * dispatcher runs are all requeued once one starts; two dispatchers never requeue one expiry twice;
 * an instance whose channel closes between basic.get and ack loses nothing and hands the build out
 * once; a message no claim can read is parked in the dead-letter queue instead of blocking its
 * queue; a dispatcher sends a dead-lettered build that still waits back to its queue and drops the
 * rest. The cases run at once: they share nothing, and most of their time is spent waiting out
 * leases.
 */
@Execution(ExecutionMode.CONCURRENT)
class DispatcherFailuresIT {

  private static final Map<String, Object> SHORT_LEASES =
      Map.of("hangar.lease-ttl", "2s", "hangar.heartbeat-interval", "1s");

  private Hangar hangar;

  @AfterEach
  void stop() throws Exception {
    hangar.close();
  }

  @Test
  void leasesThatExpiredWhileNoDispatcherRanAreRequeuedWhenOneStarts() {
    hangar = Hangar.start(1, 0, SHORT_LEASES);
    Given given = new Given(hangar.client());
    List<String> builds = claimAndGoSilent(given, 10);
    awaitAllLeasesPast(builds, given);
    assertThat(builds)
        .allSatisfy(
            b -> assertThat(view(given, b).path("status").asString()).isEqualTo("assigned"));

    hangar.startDispatcher();

    awaitRequeued(builds, given, Duration.ofSeconds(15));
    assertThat(builds)
        .allSatisfy(b -> assertThat(view(given, b).path("attempt").asInt()).isEqualTo(2));
    assertThat(claimAll(given, "android")).containsExactlyInAnyOrderElementsOf(builds);
  }

  @Test
  void twoDispatchersRequeueEachExpiryExactlyOnce() {
    hangar = Hangar.start(1, 2, SHORT_LEASES);
    Given given = new Given(hangar.client());
    List<String> builds = claimAndGoSilent(given, 50);

    awaitRequeued(builds, given, Duration.ofSeconds(20));
    for (String build : builds) {
      JsonNode view = view(given, build);
      assertThat(view.path("attempt").asInt()).isEqualTo(2);
      assertThat(view.path("attempts").findValuesAsString("outcome"))
          .containsExactly("lease_expired");
    }
    List<String> claimed = claimAll(given, "android");
    assertThat(claimed).hasSize(builds.size()).containsExactlyInAnyOrderElementsOf(builds);
  }

  @Test
  void aChannelClosedAfterTheClaimWasRecordedLosesNothingAndHandsTheBuildOutOnce()
      throws Exception {
    hangar = Hangar.start(1, 0, Map.of());
    Given given = new Given(hangar.client());
    String pipeline = given.pipeline("ios");
    Given.Runner first = given.runner("ios");
    Given.Runner second = given.runner("ios");
    String build = given.build(pipeline);

    try (Connection connection = hangar.namespace().rabbit()) {
      Channel channel = connection.createChannel();
      GetResponse message = channel.basicGet(queue("ios"), false);
      assertThat(new String(message.getBody(), StandardCharsets.UTF_8)).contains(build);
      recordClaim(first, build);
      channel.close(); // the instance is gone before its ack: RabbitMQ redelivers
    }

    assertThat(hangar.client().post(second.path("/claim"), second.token(), null).status())
        .as("the duplicate is dropped")
        .isEqualTo(204);
    JsonNode view = view(given, build);
    assertThat(view.path("runner_id").asString()).isEqualTo(first.id());
    assertThat(view.path("attempts").size()).isEqualTo(1);
    assertThat(readyIn(given, "ios")).as("the redelivered message was acked").isZero();
  }

  @Test
  void aChannelClosedBeforeTheClaimWasRecordedLeavesTheBuildForTheNextRunner() throws Exception {
    hangar = Hangar.start(1, 0, Map.of());
    Given given = new Given(hangar.client());
    String pipeline = given.pipeline("macos");
    Given.Runner runner = given.runner("macos");
    String build = given.build(pipeline);

    try (Connection connection = hangar.namespace().rabbit()) {
      Channel channel = connection.createChannel();
      assertThat(channel.basicGet(queue("macos"), false)).isNotNull();
      channel.close();
    }

    JsonNode job =
        hangar.client().post(runner.path("/claim"), runner.token(), null).expect(200).json();
    assertThat(job.path("build_id").asString()).isEqualTo(build);
    assertThat(job.path("attempt").asInt()).isEqualTo(1);
  }

  @Test
  void unreadableMessagesGoToTheDeadLetterQueueAndTheBuildBehindThemIsHandedOut() throws Exception {
    hangar = Hangar.start(1, 0, Map.of());
    Given given = new Given(hangar.client());
    String pipeline = given.pipeline("linux");
    Given.Runner runner = given.runner("linux");
    String first = given.build(pipeline);
    assertThat(
            hangar
                .client()
                .post(runner.path("/claim"), runner.token(), null)
                .expect(200)
                .text("build_id"))
        .isEqualTo(first);

    onChannel(
        channel -> {
          for (String body : List.of("not json", "{\"build_id\":\"\",\"attempt\":0}", "{}")) {
            channel.basicPublish(
                names().exchange(),
                names().routingKey("linux", Priority.NORMAL),
                null,
                body.getBytes(StandardCharsets.UTF_8));
          }
          return null;
        });
    String second = given.build(pipeline);

    Given.Runner next = given.runner("linux");
    assertThat(
            hangar
                .client()
                .post(next.path("/claim"), next.token(), null)
                .expect(200)
                .text("build_id"))
        .isEqualTo(second);
    // The claim above rejected each unreadable message it met on its way to the build. One pushed
    // to
    // this instance that it did not need to read waits for the next claim, which drops it and finds
    // nothing.
    Given.Runner last = given.runner("linux");
    assertThat(hangar.client().post(last.path("/claim"), last.token(), null).status())
        .isEqualTo(204);
    assertThat(readyIn(given, "linux")).isZero();
    await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters() == 3);
  }

  @Test
  void aBuildWhoseMessageWasDeadLetteredIsSentBackToItsQueueOnce() throws Exception {
    hangar = Hangar.start(1, 1, Map.of());
    Given given = new Given(hangar.client());
    String pipeline = given.pipeline("macos");
    String build = given.build(pipeline);
    deadLetterTheNextMessage("macos");

    Given.Runner runner = given.runner("macos");
    JsonNode job =
        hangar
            .client()
            .post(runner.path("/claim?wait=10"), runner.token(), null)
            .expect(200)
            .json();
    assertThat(job.path("build_id").asString()).isEqualTo(build);
    assertThat(job.path("attempt").asInt()).isEqualTo(1);
    await().atMost(Duration.ofSeconds(5)).until(() -> deadLetters() == 0);
    assertThat(readyIn(given, "macos")).isZero();
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(deadLettersCounted("sent_back")).isEqualTo(1));
  }

  @Test
  void deadLettersOfBuildsThatMovedOnAndUnreadableOnesAreDropped() throws Exception {
    hangar = Hangar.start(1, 1, Map.of());
    Given given = new Given(hangar.client());
    String pipeline = given.pipeline("windows");
    String cancelled = given.build(pipeline);
    String waiting = given.build(pipeline);
    hangar
        .client()
        .post("/v1/builds/" + cancelled + "/cancel", given.adminToken(), null)
        .expect(200);
    deadLetterTheNextMessage("windows");
    onChannel(
        channel -> {
          channel.basicPublish(
              names().deadLetterExchange(),
              names().routingKey("windows", Priority.NORMAL),
              null,
              "not json".getBytes(StandardCharsets.UTF_8));
          return null;
        });
    deadLetterTheNextMessage("windows");

    // Dead letters are handled in order, so once the waiting build is back the other two were
    // dropped.
    Given.Runner runner = given.runner("windows");
    assertThat(
            hangar
                .client()
                .post(runner.path("/claim?wait=10"), runner.token(), null)
                .expect(200)
                .text("build_id"))
        .isEqualTo(waiting);
    await().atMost(Duration.ofSeconds(5)).until(() -> deadLetters() == 0);
    assertThat(readyIn(given, "windows")).isZero();
    assertThat(view(given, cancelled).path("status").asString()).isEqualTo("cancelled");
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              assertThat(deadLettersCounted("stale")).isEqualTo(1);
              assertThat(deadLettersCounted("unreadable")).isEqualTo(1);
              assertThat(deadLettersCounted("sent_back")).isEqualTo(1);
            });
  }

  /**
   * The dispatcher's {@code hangar_dead_letters_total{outcome}}, as it exports it. Callers wait for
   * the count: the dispatcher, a process of its own, counts a dead letter just after acking it.
   */
  private double deadLettersCounted(String outcome) {
    return hangar.dispatcher(0).metric("hangar_dead_letters_total", Map.of("outcome", outcome));
  }

  /**
   * What RabbitMQ does once a message reached its delivery limit, done at once: reject it without
   * requeue.
   */
  private void deadLetterTheNextMessage(String classKey) throws Exception {
    onChannel(
        channel -> {
          GetResponse message = channel.basicGet(queue(classKey), false);
          assertThat(message).isNotNull();
          channel.basicReject(message.getEnvelope().getDeliveryTag(), false);
          return null;
        });
  }

  private long deadLetters() throws Exception {
    return onChannel(
        channel -> (long) channel.queueDeclarePassive(names().deadLetterQueue()).getMessageCount());
  }

  private interface ChannelWork<T> {
    T on(Channel channel) throws Exception;
  }

  /** Does {@code work} on a channel of a connection of the test's own, closed afterwards. */
  private <T> T onChannel(ChannelWork<T> work) throws Exception {
    try (Connection connection = hangar.namespace().rabbit();
        Channel channel = connection.createChannel()) {
      return work.on(channel);
    }
  }

  private QueueNames names() {
    return new QueueNames(hangar.namespace().name());
  }

  /** Claims {@code count} android builds with runners that then never call again. */
  private List<String> claimAndGoSilent(Given given, int count) {
    String pipeline = given.pipeline("android");
    List<String> builds = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      builds.add(given.build(pipeline));
    }
    Set<String> claimed = new HashSet<>();
    for (int i = 0; i < count; i++) {
      Given.Runner runner = given.runner("android");
      claimed.add(
          hangar
              .client()
              .post(runner.path("/claim"), runner.token(), null)
              .expect(200)
              .text("build_id"));
    }
    assertThat(claimed).containsExactlyInAnyOrderElementsOf(builds);
    return builds;
  }

  /**
   * Until every build is queued again and its message is in the broker: the reaper marks a build
   * queued before it publishes, and the outbox entry goes once the broker has confirmed the
   * message.
   */
  private void awaitRequeued(List<String> builds, Given given, Duration limit) {
    Keys keys = hangar.api(0).bean(Keys.class);
    var redis = hangar.namespace().redis();
    await()
        .atMost(limit)
        .until(
            () ->
                builds.stream()
                        .allMatch(b -> view(given, b).path("status").asString().equals("queued"))
                    && redis.zcard(keys.outbox()) == 0);
  }

  /** Until Redis's clock is past every lease deadline (the build view shows them in seconds). */
  private void awaitAllLeasesPast(List<String> builds, Given given) {
    Keys keys = hangar.api(0).bean(Keys.class);
    var redis = hangar.namespace().redis();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              long now = Long.parseLong(redis.time().getFirst()) * 1000;
              return builds.stream()
                  .allMatch(
                      b -> Long.parseLong(redis.hget(keys.build(b), "lease_expires_at")) < now);
            });
  }

  /** Claims with fresh runners until nothing is left, returning every build handed out. */
  private List<String> claimAll(Given given, String platform) {
    Given.Runner runner = given.runner(List.of(platform), Map.of(), List.of(), 64);
    List<String> claimed = new ArrayList<>();
    while (true) {
      ApiClient.Response claim = hangar.client().post(runner.path("/claim"), runner.token(), null);
      if (claim.status() == 204) {
        return claimed;
      }
      String build = claim.expect(200).text("build_id");
      claimed.add(build);
      hangar
          .client()
          .post(
              runner.path("/jobs/" + build + "/status"), runner.token(), Map.of("status", "failed"))
          .expect(200);
    }
  }

  /**
   * What a claim records for this runner, done from outside the instance whose channel then closes.
   */
  private void recordClaim(Given.Runner runner, String build) {
    AuthenticatedRunner authenticated =
        hangar
            .api(0)
            .bean(RunnerStore.class)
            .authenticate(RunnerCredentials.of(runner.id(), runner.token()));
    ClaimOutcome outcome =
        hangar
            .api(0)
            .bean(ClaimScript.class)
            .run(
                new QueuedBuild(build, 1),
                new Claimant(
                    runner.id(), authenticated.tokenHash(), authenticated.capabilitiesRevision()),
                Duration.ofMinutes(1));
    assertThat(outcome).isInstanceOf(ClaimOutcome.Claimed.class);
  }

  private String queue(String classKey) {
    return names().queue(classKey, Priority.NORMAL);
  }

  private long readyIn(Given given, String classKey) {
    for (JsonNode queue :
        hangar.client().get("/v1/queues", given.adminToken()).expect(200).json()) {
      if (queue.path("name").asString().equals(classKey)) {
        return queue.path("ready").asLong();
      }
    }
    throw new AssertionError("no queue " + classKey);
  }

  private JsonNode view(Given given, String build) {
    return hangar.client().get("/v1/builds/" + build, given.adminToken()).expect(200).json();
  }
}
