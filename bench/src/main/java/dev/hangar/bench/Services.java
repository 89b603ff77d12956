package dev.hangar.bench;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * The local RabbitMQ and Redis, as the bench reaches them directly: for the broker floor, for
 * reading lease deadlines and memory, and for deleting the namespace afterwards. Addresses come
 * from the same variables the Hangar processes read, defaulting to this machine.
 */
final class Services implements AutoCloseable {

  final String redisHost = env("SPRING_DATA_REDIS_HOST", "127.0.0.1");
  final int redisPort = Integer.parseInt(env("SPRING_DATA_REDIS_PORT", "6379"));
  final String rabbitHost = env("SPRING_RABBITMQ_HOST", "127.0.0.1");
  final int rabbitPort = Integer.parseInt(env("SPRING_RABBITMQ_PORT", "5672"));
  final String rabbitUser = env("SPRING_RABBITMQ_USERNAME", "guest");
  final String rabbitPassword = env("SPRING_RABBITMQ_PASSWORD", "guest");

  /** Hangar's queue type (HANGAR_QUEUE_TYPE, quorum by default): the floor uses the same. */
  final String queueType = env("HANGAR_QUEUE_TYPE", "quorum").toLowerCase(Locale.ROOT);

  private final RedisClient redisClient = RedisClient.create(RedisURI.create(redisHost, redisPort));
  private final StatefulRedisConnection<String, String> redis = redisClient.connect();

  /** What every Hangar process is told about where the services are. */
  Map<String, String> environment() {
    return Map.of(
        "SPRING_DATA_REDIS_HOST", redisHost,
        "SPRING_DATA_REDIS_PORT", Integer.toString(redisPort),
        "SPRING_RABBITMQ_HOST", rabbitHost,
        "SPRING_RABBITMQ_PORT", Integer.toString(rabbitPort),
        "SPRING_RABBITMQ_USERNAME", rabbitUser,
        "SPRING_RABBITMQ_PASSWORD", rabbitPassword);
  }

  /** A shared connection; thread-safe, as Spring's shared Lettuce connection is in Hangar. */
  RedisCommands<String, String> redis() {
    return redis.sync();
  }

  /** Another Redis connection, like one more api-service instance would have. */
  StatefulRedisConnection<String, String> newRedisConnection() {
    return redisClient.connect();
  }

  Connection newRabbitConnection(String name) {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost(rabbitHost);
    factory.setPort(rabbitPort);
    factory.setUsername(rabbitUser);
    factory.setPassword(rabbitPassword);
    try {
      return factory.newConnection(name);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot connect to RabbitMQ at " + rabbitHost + ":" + rabbitPort, e);
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "RabbitMQ at " + rabbitHost + ":" + rabbitPort + " did not answer", e);
    }
  }

  String redisVersion() {
    return redis()
        .info("server")
        .lines()
        .filter(l -> l.startsWith("redis_version:"))
        .map(l -> l.substring(14).trim())
        .findFirst()
        .orElse("?");
  }

  String rabbitVersion() {
    try (Connection c = newRabbitConnection("hangar-bench-version")) {
      return String.valueOf(c.getServerProperties().get("version"));
    } catch (IOException e) {
      return "?";
    }
  }

  /**
   * Redis's count of connections accepted since it started (all clients: other users of this Redis
   * add to it).
   */
  long redisConnectionsReceived() {
    return redis()
        .info("stats")
        .lines()
        .filter(l -> l.startsWith("total_connections_received:"))
        .mapToLong(l -> Long.parseLong(l.substring(l.indexOf(':') + 1).trim()))
        .findFirst()
        .orElse(0);
  }

  /** Redis's clock, in milliseconds with microsecond fraction. */
  double redisMillis() {
    List<String> time = redis().time();
    return Long.parseLong(time.get(0)) * 1000.0 + Long.parseLong(time.get(1)) / 1000.0;
  }

  @Override
  public void close() {
    redis.close();
    redisClient.shutdown();
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
