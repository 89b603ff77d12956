package dev.hangar.api.runners;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.api.support.ApiClient;
import dev.hangar.api.support.Given;
import dev.hangar.api.support.Hangar;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import tools.jackson.databind.JsonNode;

/**
 * An instance that hears no work signals (its pub/sub subscription is gone) still serves its
 * waiting runners through the recheck, even one whose class was created on another instance after
 * its wait began.
 */
class LostSignalLongPollIT {

  private static Hangar hangar;
  private static Given onFirst;

  @BeforeAll
  static void start() {
    hangar = Hangar.start(2, 0, Map.of("hangar.claim-recheck", "1s"));
    onFirst = new Given(hangar.client(0));
    hangar.api(1).bean(RedisMessageListenerContainer.class).stop();
  }

  @AfterAll
  static void stop() throws Exception {
    hangar.close();
  }

  @Test
  void aRunnerWaitingForAClassCreatedElsewhereIsServedByTheRecheck() throws Exception {
    String project = onFirst.project();
    Given.Runner runner = onFirst.runner(List.of("android"), Map.of(), List.of("unheard"), 1);
    CompletableFuture<ApiClient.Response> waiting = hangar.longPoll(1, runner);

    String build =
        onFirst.build(onFirst.pipeline(project, "android", List.of("unheard"), Map.of()));

    JsonNode job = waiting.get(60, TimeUnit.SECONDS).expect(200).json();
    assertThat(job.path("build_id").asString()).isEqualTo(build);
  }
}
