package dev.hangar.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Where the tests find RabbitMQ and Redis: the local services (127.0.0.1:5672 and :6379, or
 * HANGAR_TEST_RABBITMQ_PORT / HANGAR_TEST_REDIS_PORT). {@code .ci/run} starts them when they are
 * not running; a test run without them fails at once with a line saying so, not with timeouts.
 */
public final class TestServices {

  private TestServices() {}

  public static String host() {
    return "127.0.0.1";
  }

  public static int redisPort() {
    return Integer.parseInt(System.getenv().getOrDefault("HANGAR_TEST_REDIS_PORT", "6379"));
  }

  public static int rabbitPort() {
    return Integer.parseInt(System.getenv().getOrDefault("HANGAR_TEST_RABBITMQ_PORT", "5672"));
  }

  static void requireRunning() {
    require("Redis", redisPort());
    require("RabbitMQ", rabbitPort());
  }

  private static void require(String service, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host(), port), 2_000);
    } catch (IOException e) {
      throw new IllegalStateException(service + " does not answer on " + host() + ":" + port + "; run the tests through .ci/run, which starts it");
    }
  }
}
