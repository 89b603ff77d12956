package dev.hangar.bench;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import dev.hangar.engine.claims.ClaimScript;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The bare claim path, a baseline of what the web stack alone costs: the broker floor's claim (one
 * basic.get, the engine's {@code ClaimScript}, one ack) behind one Spring MVC endpoint on virtual
 * threads, in a JVM of its own like an api-service, with nothing of Hangar around it (no
 * authentication, matching, priorities or metrics). Set beside the floor and REST in the same run,
 * it shows what HTTP and Spring MVC alone cost on the machine. Started by the bench from its own
 * jar ({@link HangarStack}); it serves only the floor's queues.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class BareClaimServer {

  /** As many channels as Hangar's channel cache holds. */
  private static final int CHANNELS = 64;

  public static void main(String[] args) {
    SpringApplication application = new SpringApplication(BareClaimServer.class);
    // Requests on virtual threads, as in the api-service. The engine on the class path brings
    // Spring's RabbitMQ and Redis set-up, which the server does not use: it has connections of its
    // own, like the floor.
    application.setDefaultProperties(
        Map.of(
            "spring.threads.virtual.enabled",
            "true",
            "spring.main.banner-mode",
            "off",
            "spring.autoconfigure.exclude",
            "org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration,"
                + "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration,"
                + "org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration,"
                + "org.springframework.boot.data.redis.autoconfigure.DataRedisRepositoriesAutoConfiguration"));
    application.run(args);
  }

  /** Where a floor run's runner claims on a bare server. */
  static String claimPath(int run, String runnerId) {
    return "/floor/" + run + "/runners/" + runnerId + "/claim";
  }

  @RestController
  static class Endpoint implements AutoCloseable {

    /** The claimed build: all of a claim answer the bench needs is that there is one. */
    record Claimed(String buildId) {}

    private final Services services = new Services();
    private final Namespace namespace = Namespace.named(System.getenv("HANGAR_NAMESPACE"));
    private final Connection rabbit = services.newRabbitConnection("hangar-bench-bare-claims");
    private final StatefulRedisConnection<String, String> redis = services.newRedisConnection();
    private final BlockingQueue<Channel> channels = new ArrayBlockingQueue<>(CHANNELS);

    Endpoint() throws IOException {
      for (int i = 0; i < CHANNELS; i++) {
        channels.add(rabbit.createChannel());
      }
    }

    @PostMapping("/floor/{run}/runners/{runnerId}/claim")
    ResponseEntity<Claimed> claim(@PathVariable int run, @PathVariable String runnerId)
        throws Exception {
      BrokerFloor.Run floor = BrokerFloor.Run.of(namespace, run);
      ClaimScript claims = floor.claimScript(redis.sync());
      Channel channel = channels.take();
      try {
        GetResponse message = channel.basicGet(floor.queue(), false);
        if (message == null) {
          return ResponseEntity.noContent().build();
        }
        String buildId = BrokerFloor.claim(claims, runnerId, message.getBody());
        channel.basicAck(message.getEnvelope().getDeliveryTag(), false);
        return buildId != null
            ? ResponseEntity.ok(new Claimed(buildId))
            : ResponseEntity.status(409).build();
      } finally {
        channels.put(channel.isOpen() ? channel : rabbit.createChannel());
      }
    }

    /**
     * What {@link ServiceProcess#awaitHealthy} asks: the connections above are open once this
     * answers.
     */
    @GetMapping("/readyz")
    Map<String, String> ready() {
      return Map.of("status", "UP");
    }

    @Override
    public void close() throws Exception {
      rabbit.close();
      redis.close();
      services.close();
    }
  }
}
