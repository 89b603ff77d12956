package dev.hangar.api.runners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.hangar.api.support.ApiClient;
import dev.hangar.api.support.Given;
import dev.hangar.api.support.Hangar;
import dev.hangar.engine.broker.QueueNames;
import dev.hangar.engine.claims.QueueFeeds;
import dev.hangar.model.Priority;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import tools.jackson.databind.JsonNode;

/**
 * An instance whose claim took a message from a queue has RabbitMQ push it the next ones
 * (QueueFeeds). A build pushed there must still reach a runner waiting on the other instance when
 * nobody on the first one asks for it, and when the first instance goes away.
 */
class QueueFeedsIT {

  private static final AtomicInteger LABELS = new AtomicInteger();

  private Hangar hangar;
  private Given given;
  private String label;
  private String pipeline;

  @BeforeEach
  void start() {
    hangar = Hangar.start(2, 0, Map.of());
    given = new Given(hangar.client(0));
    label = "feeds" + LABELS.incrementAndGet();
    pipeline = given.pipeline(given.project(), "linux", List.of(label), Map.of());
  }

  @AfterEach
  void stop() throws Exception {
    hangar.close();
  }

  @Test
  void aBuildPushedToAnInstanceWhereNobodyAsksReachesARunnerWaitingOnTheOther() throws Exception {
    Given.Runner busy = runner(1);
    Given.Runner waiting = runner(1);
    claim(hangar.client(0), busy, "", given.build(pipeline));
    assertThat(consumersOfTheQueue()).as("the first instance consumes the queue now").isEqualTo(1);

    // RabbitMQ pushes it to the first instance, the queue's only consumer, whose runner is full.
    String build = given.build(pipeline);

    claim(hangar.client(1), waiting, "?wait=10", build);
    await().atMost(Duration.ofSeconds(5)).until(() -> consumersOfTheQueue() == 0);
  }

  @Test
  void buildsHeldByAnInstanceThatStopsGoToTheOther() {
    assertHeldBuildsAreClaimedAfter(() -> hangar.api(0).close(), hangar.client(1));
  }

  @Test
  void buildsHeldWhenTheInstanceLosesItsBrokerConnectionAreClaimedOnceItIsBack() {
    assertHeldBuildsAreClaimedAfter(
        () -> hangar.api(0).bean(CachingConnectionFactory.class).resetConnection(),
        hangar.client(0));
  }

  /**
   * Redis is paused while a claim holds a message it took from the feed, so the feed goes idle and
   * closes (the message goes back to the queue) before {@code claim.lua} records the lease: the ack
   * then has no channel. The runner must still get its job, and the message handed out again be
   * dropped.
   */
  @Test
  void aFeedClosedBetweenTheRecordedLeaseAndTheAckStillHandsOutTheJobOnce() {
    Given.Runner busy = runner(1);
    Given.Runner claimer = runner(2);
    Given.Runner other = runner(1);
    claim(hangar.client(0), busy, "", given.build(pipeline));
    String known = given.build(pipeline);
    claim(hangar.client(0), claimer, "?wait=5", known);
    String build = given.build(pipeline);

    hangar.namespace().redis().clientPause(3 * QueueFeeds.IDLE.toMillis());
    claim(hangar.client(0), claimer, "", build);

    JsonNode view =
        hangar.client(0).get("/v1/builds/" + build, given.adminToken()).expect(200).json();
    assertThat(view.path("runner_id").asString()).isEqualTo(claimer.id());
    assertThat(view.path("attempts").size()).isEqualTo(1);
    assertThat(hangar.client(1).post(other.path("/claim"), other.token(), null).status())
        .as("the handed-back message is dropped")
        .isEqualTo(204);
  }

  /**
   * The first instance takes one build, so RabbitMQ pushes it the next two; after {@code
   * disruption} a runner claiming through {@code claimant} gets both, at their first attempt.
   */
  private void assertHeldBuildsAreClaimedAfter(Runnable disruption, ApiClient claimant) {
    Given.Runner busy = runner(1);
    Given.Runner next = runner(2);
    claim(hangar.client(0), busy, "", given.build(pipeline));
    String second = given.build(pipeline);
    String third = given.build(pipeline);

    disruption.run();

    List<String> claimed = List.of(claimedBy(claimant, next), claimedBy(claimant, next));
    assertThat(claimed).containsExactlyInAnyOrder(second + " attempt 1", third + " attempt 1");
  }

  private Given.Runner runner(int capacity) {
    return given.runner(List.of("linux"), Map.of(), List.of(label), capacity);
  }

  private static void claim(ApiClient instance, Given.Runner runner, String query, String build) {
    assertThat(
            instance
                .post(runner.path("/claim" + query), runner.token(), null)
                .expect(200)
                .text("build_id"))
        .isEqualTo(build);
  }

  private static String claimedBy(ApiClient instance, Given.Runner runner) {
    ApiClient.Response job =
        instance.post(runner.path("/claim?wait=10"), runner.token(), null).expect(200);
    return job.text("build_id") + " attempt " + job.json().path("attempt").asInt();
  }

  private long consumersOfTheQueue() throws Exception {
    String classKey =
        hangar
            .client(1)
            .get("/v1/queues", given.adminToken())
            .expect(200)
            .json()
            .valueStream()
            .filter(q -> q.path("labels").toString().contains("\"" + label + "\""))
            .findFirst()
            .orElseThrow()
            .path("name")
            .asString();
    String queue = hangar.api(1).bean(QueueNames.class).queue(classKey, Priority.NORMAL);
    try (Connection rabbit = hangar.namespace().rabbit();
        Channel channel = rabbit.createChannel()) {
      return channel.queueDeclarePassive(queue).getConsumerCount();
    }
  }
}
