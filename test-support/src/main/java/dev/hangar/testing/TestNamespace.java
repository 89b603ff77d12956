package dev.hangar.testing;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.hangar.engine.broker.QueueNames;
import dev.hangar.model.Priority;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A namespace of its own on the real RabbitMQ and Redis for one test class, removed afterwards:
 * every Redis key under its prefix, every queue of its capability classes, its exchanges. Runs
 * never see each other's data, and a test leaves nothing behind.
 */
public final class TestNamespace implements AutoCloseable {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final String name;
  private final int redisPort;
  private RedisClient client;
  private StatefulRedisConnection<String, String> redis;

  private TestNamespace(String name, int redisPort) {
    this.name = name;
    this.redisPort = redisPort;
  }

  public static TestNamespace create() {
    TestServices.requireRunning();
    return create(TestServices.redisPort());
  }

  /** A namespace on a Redis of the test's own (e.g. one it restarts), with the shared RabbitMQ. */
  public static TestNamespace create(int redisPort) {
    byte[] bytes = new byte[6];
    RANDOM.nextBytes(bytes);
    return new TestNamespace("test-" + HexFormat.of().formatHex(bytes), redisPort);
  }

  public String name() {
    return name;
  }

  /** The settings every Hangar process in this namespace gets; tests add their own on top. */
  public Map<String, Object> properties() {
    Map<String, Object> p = new HashMap<>();
    p.put("hangar.namespace", name);
    p.put("spring.data.redis.host", TestServices.host());
    p.put("spring.data.redis.port", redisPort);
    p.put("spring.rabbitmq.host", TestServices.host());
    p.put("spring.rabbitmq.port", TestServices.rabbitPort());
    return p;
  }

  /**
   * Redis commands for assertions on stored state; the connection lives as long as the namespace.
   */
  public RedisCommands<String, String> redis() {
    if (redis == null) {
      client = RedisClient.create("redis://" + TestServices.host() + ":" + redisPort);
      redis = client.connect();
    }
    return redis.sync();
  }

  /** A direct broker connection, for tests that act as (or break) an api-service instance. */
  public Connection rabbit() throws Exception {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost(TestServices.host());
    factory.setPort(TestServices.rabbitPort());
    return factory.newConnection("hangar-test-" + name);
  }

  @Override
  public void close() throws Exception {
    List<String> classKeys = new ArrayList<>();
    RedisCommands<String, String> commands = redis();
    classKeys.addAll(commands.hkeys(name + ":classes"));
    ScanCursor cursor = ScanCursor.INITIAL;
    do {
      var page = commands.scan(cursor, ScanArgs.Builder.matches(name + ":*").limit(1000));
      if (!page.getKeys().isEmpty()) {
        commands.del(page.getKeys().toArray(String[]::new));
      }
      cursor = page;
    } while (!cursor.isFinished());
    redis.close();
    client.shutdown();
    QueueNames names = new QueueNames(name);
    try (Connection connection = rabbit()) {
      for (String queue : queues(names, classKeys)) {
        try (Channel channel = connection.createChannel()) {
          channel.queueDelete(queue);
        }
      }
      for (String exchange : Set.of(names.exchange(), names.deadLetterExchange())) {
        try (Channel channel = connection.createChannel()) {
          channel.exchangeDelete(exchange);
        }
      }
    }
  }

  private static List<String> queues(QueueNames names, List<String> classKeys) {
    List<String> queues = new ArrayList<>();
    queues.add(names.deadLetterQueue());
    for (String key : classKeys) {
      for (Priority priority : Priority.values()) {
        queues.add(names.queue(key, priority));
      }
    }
    return queues;
  }
}
