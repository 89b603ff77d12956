package dev.hangar.api.runners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hangar.api.support.ApiClient;
import dev.hangar.api.support.ApiInstance;
import dev.hangar.api.support.Given;
import dev.hangar.testing.HangarNamespaceExtension;
import dev.hangar.testing.TestNamespace;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An api-service that shuts down answers its waiting runners at once (204, so they ask again
 * elsewhere) instead of holding its graceful shutdown, and them, until their waits run out.
 */
@ExtendWith(HangarNamespaceExtension.class)
class ShutdownLongPollIT {

  @Test
  void shuttingDownAnswersEveryWaitingRunnerAtOnce(TestNamespace namespace) throws Exception {
    ApiInstance instance = ApiInstance.start(namespace, Map.of());
    Given given = new Given(instance.client());
    Given.Runner runner = given.runner(List.of("android"), Map.of(), List.of("shutdown"), 1);
    CompletableFuture<ApiClient.Response> waiting =
        CompletableFuture.supplyAsync(
            () -> instance.client().post(runner.path("/claim?wait=30"), runner.token(), null));
    ClaimWaiters waiters = instance.bean(ClaimWaiters.class);
    await().atMost(Duration.ofSeconds(10)).until(() -> waiters.waiting() == 1);

    CompletableFuture<Void> closed = CompletableFuture.runAsync(instance::close);

    // Well inside the 30 s wait and the 30 s a graceful shutdown would grant it.
    assertThat(waiting.get(15, TimeUnit.SECONDS).status()).isEqualTo(204);
    closed.get(15, TimeUnit.SECONDS);
  }
}
