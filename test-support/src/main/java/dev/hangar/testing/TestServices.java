package dev.hangar.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.rabbitmq.RabbitMQContainer;

/**
 * Where the tests find RabbitMQ and Redis. The local services come first (127.0.0.1:5672 and :6379,
 * or HANGAR_TEST_RABBITMQ_PORT / HANGAR_TEST_REDIS_PORT; {@code ./hangar test} starts them). Only
 * when they do not answer and a Docker engine does are throwaway containers started instead; with
 * neither, the run stops at once with a line saying so rather than with timeouts.
 */
public final class TestServices {

  private static final Endpoints ENDPOINTS = locate();

  private TestServices() {}

  public static String host() {
    return ENDPOINTS.host();
  }

  public static int redisPort() {
    return ENDPOINTS.redisPort();
  }

  public static int rabbitPort() {
    return ENDPOINTS.rabbitPort();
  }

  /** Fails the calling test early (with the reason) when no services could be found. */
  static void requireRunning() {
    ENDPOINTS.host();
  }

  private record Endpoints(String host, int redisPort, int rabbitPort) {}

  private static Endpoints locate() {
    int redis = Integer.parseInt(System.getenv().getOrDefault("HANGAR_TEST_REDIS_PORT", "6379"));
    int rabbit =
        Integer.parseInt(System.getenv().getOrDefault("HANGAR_TEST_RABBITMQ_PORT", "5672"));
    if (answers(redis) && answers(rabbit)) {
      return new Endpoints("127.0.0.1", redis, rabbit);
    }
    if (!DockerClientFactory.instance().isDockerAvailable()) {
      throw new IllegalStateException(
          "RabbitMQ (127.0.0.1:"
              + rabbit
              + ") or Redis (127.0.0.1:"
              + redis
              + ") does not answer and there is no Docker engine;"
              + " run the tests with ./hangar test, which starts them");
    }
    // Stopped by Testcontainers' reaper when the test JVM exits.
    RabbitMQContainer rabbitContainer = new RabbitMQContainer("rabbitmq:3.13-management");
    GenericContainer<?> redisContainer = new GenericContainer<>("redis:7").withExposedPorts(6379);
    rabbitContainer.start();
    redisContainer.start();
    return new Endpoints(
        redisContainer.getHost(),
        redisContainer.getMappedPort(6379),
        rabbitContainer.getAmqpPort());
  }

  private static boolean answers(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
