package dev.hangar.bench;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.sync.RedisCommands;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bench's own namespace on the shared RabbitMQ and Redis, {@code bench-<random>}, so a run
 * never meets Hangar's data or another run's, and {@link #delete} leaves nothing behind: every
 * Redis key {@code <ns>:*}, both queues of every capability class (the fields of {@code
 * <ns>:classes}), the dead-letter queue, the exchanges, and the floor's queues.
 */
final class Namespace {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final String name;
  private final Set<String> extraQueues = ConcurrentHashMap.newKeySet();

  private Namespace(String name) {
    this.name = name;
  }

  static Namespace fresh() {
    byte[] bytes = new byte[5];
    RANDOM.nextBytes(bytes);
    return new Namespace("bench-" + HexFormat.of().formatHex(bytes));
  }

  /** The namespace of a running bench, for the processes it starts. */
  static Namespace named(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("no namespace given (HANGAR_NAMESPACE)");
    }
    return new Namespace(name);
  }

  String name() {
    return name;
  }

  /** Prefix of Hangar's Redis keys in this namespace. */
  String keyPrefix() {
    return name + ":";
  }

  String buildKey(String buildId) {
    return keyPrefix() + "build:" + buildId;
  }

  /** Hangar's queue for a capability class key and priority ({@code high}, {@code normal}). */
  String queue(String classKey, String priority) {
    return name + ".builds." + classKey + "." + priority;
  }

  /** The name of a queue the bench declares itself (the floor's). */
  String ownQueue(String suffix) {
    return name + ".bench." + suffix;
  }

  /** One of the bench's own queues, to be deleted with the namespace. */
  void deleteWithNamespace(String ownQueue) {
    extraQueues.add(ownQueue);
  }

  /**
   * Deletes the namespace. Run it after the Hangar processes have stopped, or they would recreate
   * parts of it.
   */
  void delete(Services services) throws Exception {
    RedisCommands<String, String> redis = services.redis();
    List<String> queues = new ArrayList<>(extraQueues);
    for (String classKey : redis.hkeys(keyPrefix() + "classes")) {
      queues.add(queue(classKey, "high"));
      queues.add(queue(classKey, "normal"));
    }
    queues.add(name + ".builds.dead");
    ScanCursor cursor = ScanCursor.INITIAL;
    do {
      KeyScanCursor<String> page =
          redis.scan(cursor, ScanArgs.Builder.matches(keyPrefix() + "*").limit(5000));
      if (!page.getKeys().isEmpty()) {
        redis.unlink(page.getKeys().toArray(String[]::new));
      }
      cursor = page;
    } while (!cursor.isFinished());
    try (Connection connection = services.newRabbitConnection("hangar-bench-cleanup")) {
      // One channel per deletion: deleting what does not exist is fine, but an error would close a
      // shared channel.
      for (String queue : queues) {
        try (Channel channel = connection.createChannel()) {
          channel.queueDelete(queue);
        }
      }
      for (String exchange : List.of(name + ".builds", name + ".builds.dlx")) {
        try (Channel channel = connection.createChannel()) {
          channel.exchangeDelete(exchange);
        }
      }
    }
  }
}
