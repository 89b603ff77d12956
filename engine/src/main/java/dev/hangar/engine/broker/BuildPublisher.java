package dev.hangar.engine.broker;

import dev.hangar.engine.redis.Keys;
import dev.hangar.engine.signals.WorkSignals;
import dev.hangar.engine.support.EngineJson;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes builds persistent and mandatory, waits for the broker's confirms, and only then clears
 * their outbox entries and signals waiting runners. Whatever is not confirmed stays in the outbox
 * for a dispatcher to retry, so a broker outage delays builds but never loses one (ARCHITECTURE.md
 * rules 5 and 6).
 */
@Component
public class BuildPublisher {

  private static final Logger log = LoggerFactory.getLogger(BuildPublisher.class);
  private static final long CONFIRM_TIMEOUT_MS = 5_000;

  private final RabbitTemplate rabbit;
  private final BrokerTopology topology;
  private final QueueNames names;
  private final StringRedisTemplate redis;
  private final WorkSignals signals;
  private final String outboxKey;

  public BuildPublisher(
      RabbitTemplate rabbit,
      BrokerTopology topology,
      QueueNames names,
      StringRedisTemplate redis,
      WorkSignals signals,
      Keys keys) {
    this.rabbit = rabbit;
    this.topology = topology;
    this.names = names;
    this.redis = redis;
    this.signals = signals;
    this.outboxKey = keys.outbox();
  }

  /** Publishes each build and returns how many the broker confirmed (and left the outbox). */
  public int publish(List<Publication> publications) {
    List<Pending> pending = new ArrayList<>();
    for (Publication publication : publications) {
      try {
        topology.ensure(publication.classKey());
        CorrelationData correlation = new CorrelationData(publication.outboxMember());
        rabbit.send(
            names.exchange(),
            names.routingKey(publication.classKey(), publication.priority()),
            message(publication),
            correlation);
        pending.add(new Pending(publication, correlation));
      } catch (RuntimeException e) {
        log.warn(
            "publish of {} failed, left in the outbox: {}",
            publication.outboxMember(),
            e.getMessage());
      }
    }
    List<Publication> confirmed = new ArrayList<>();
    for (Pending p : pending) {
      if (p.confirmed()) {
        confirmed.add(p.publication());
      } else {
        topology.forget(p.publication().classKey());
      }
    }
    if (!confirmed.isEmpty()) {
      redis
          .opsForZSet()
          .remove(outboxKey, confirmed.stream().map(Publication::outboxMember).toArray());
      signals.announce(confirmed.stream().map(Publication::classKey).toList());
    }
    return confirmed.size();
  }

  private static Message message(Publication publication) {
    MessageProperties properties = new MessageProperties();
    properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
    properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
    properties.setMessageId(publication.outboxMember());
    return new Message(
        EngineJson.writeBytes(new QueuedBuild(publication.buildId(), publication.attempt())),
        properties);
  }

  private record Pending(Publication publication, CorrelationData correlation) {
    /** Acked by the broker and not returned as unroutable. */
    boolean confirmed() {
      try {
        CorrelationData.Confirm confirm =
            correlation.getFuture().get(CONFIRM_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        if (!confirm.ack() || correlation.getReturned() != null) {
          log.warn(
              "broker refused {}: {}",
              publication.outboxMember(),
              confirm.ack() ? "unroutable" : confirm.reason());
          return false;
        }
        return true;
      } catch (Exception e) {
        log.warn("no confirm for {}: {}", publication.outboxMember(), e.toString());
        return false;
      }
    }
  }
}
