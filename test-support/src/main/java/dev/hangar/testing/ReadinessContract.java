package dev.hangar.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.ConfigurableEnvironment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What both processes promise about readiness: {@code /actuator/health/readiness} on the management
 * port is DOWN while Redis or RabbitMQ cannot be reached and UP again once they can, naming the one
 * that is away; {@code /readyz} on the main port stays UP meanwhile, so a load balancer keeps every
 * instance in rotation (each answers 503 service_unavailable itself) instead of dropping them all
 * at once. Runs against a Redis of the test's own and a severable link to the shared RabbitMQ, so
 * the shared services keep running.
 */
public abstract class ReadinessContract {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final JsonMapper JSON = JsonMapper.builder().build();
  // Lettuce reconnects with a backoff that grows to 30 s.
  private static final Duration RECOVERY = Duration.ofSeconds(60);

  /** A running process; closing it stops it. */
  public record Running(ConfigurableEnvironment environment, AutoCloseable process)
      implements AutoCloseable {
    @Override
    public void close() throws Exception {
      process.close();
    }
  }

  /** Starts the process in {@code namespace} with {@code settings} on top, its ports free. */
  protected abstract Running start(TestNamespace namespace, Map<String, Object> settings);

  @Test
  void readinessIsDownWhileRedisOrRabbitIsAwayAndTheLoadBalancerProbeStaysUp() throws Exception {
    try (PrivateRedis redis = PrivateRedis.start();
        SeverableLink rabbit = SeverableLink.to(TestServices.rabbitPort());
        TestNamespace namespace = TestNamespace.create(redis.port());
        Running process =
            start(
                namespace,
                Map.of(
                    "spring.rabbitmq.port",
                    rabbit.port(),
                    "spring.rabbitmq.connection-timeout",
                    "2s",
                    "spring.data.redis.timeout",
                    "1s"))) {
      awaitReadiness(process, 200, "UP", null);

      redis.stop();
      awaitReadiness(process, 503, "DOWN", "redis");
      assertThat(probe(process).statusCode()).as("/readyz while Redis is away").isEqualTo(200);
      redis.restart();
      awaitReadiness(process, 200, "UP", null);

      rabbit.sever();
      awaitReadiness(process, 503, "DOWN", "rabbit");
      assertThat(probe(process).statusCode()).as("/readyz while RabbitMQ is away").isEqualTo(200);
      rabbit.restore();
      awaitReadiness(process, 200, "UP", null);
    }
  }

  private static void awaitReadiness(Running process, int status, String state, String down) {
    await()
        .atMost(RECOVERY)
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () -> {
              HttpResponse<String> answer =
                  get(port(process, "local.management.port"), "/actuator/health/readiness");
              assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
              JsonNode health = JSON.readTree(answer.body());
              assertThat(health.path("status").asString()).isEqualTo(state);
              assertThat(health.path("components").propertyNames())
                  .contains("readinessState", "redis", "rabbit");
              if (down != null) {
                assertThat(health.path("components").path(down).path("status").asString())
                    .as(answer.body())
                    .isEqualTo("DOWN");
              }
            });
  }

  private static HttpResponse<String> probe(Running process) {
    return get(port(process, "local.server.port"), "/readyz");
  }

  private static int port(Running process, String property) {
    return Integer.parseInt(process.environment().getRequiredProperty(property));
  }

  private static HttpResponse<String> get(int port, String path) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .build();
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("GET " + request.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
