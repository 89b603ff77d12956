package dev.hangar.engine.broker;

import dev.hangar.engine.HangarProperties;
import dev.hangar.model.Priority;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.stereotype.Component;

/**
 * Declares the exchange, the dead-letter queue and each capability class's queues. Declarations are
 * idempotent; this instance remembers what it declared so the claim and publish paths pay for a
 * declaration once per class, not per message.
 */
@Component
public class BrokerTopology {

  /**
   * A message handed back this often (instance crashes, refused claims) is dead-lettered; a
   * dispatcher sends its build back if it is still waiting (DeadLetterRedrive).
   */
  static final int DELIVERY_LIMIT = 50;

  private final RabbitAdmin admin;
  private final QueueNames names;
  private final HangarProperties properties;
  private final Set<String> declared = ConcurrentHashMap.newKeySet();

  public BrokerTopology(RabbitAdmin admin, QueueNames names, HangarProperties properties) {
    this.admin = admin;
    this.names = names;
    this.properties = properties;
  }

  /**
   * Makes sure the queues of a class exist and are bound before anything is published to or read
   * from them.
   */
  public void ensure(String classKey) {
    if (declared.contains(classKey)) {
      return;
    }
    ensureShared();
    Queue dead = deadLetterQueue();
    for (Priority priority : Priority.values()) {
      String routingKey = names.routingKey(classKey, priority);
      Queue queue =
          new Queue(names.queue(classKey, priority), true, false, false, queueArguments());
      admin.declareQueue(queue);
      admin.declareBinding(bind(queue, names.exchange(), routingKey));
      // A dead-lettered message keeps its routing key, and the dead-letter exchange is direct.
      admin.declareBinding(bind(dead, names.deadLetterExchange(), routingKey));
    }
    declared.add(classKey);
  }

  /** Forgets what was declared, e.g. after the broker reported a queue missing. */
  public void forget(String classKey) {
    declared.remove(classKey);
    declared.remove("");
  }

  /** Makes sure the exchanges and the dead-letter queue, which every class shares, exist. */
  public void ensureShared() {
    if (declared.contains("")) {
      return;
    }
    admin.declareExchange(new DirectExchange(names.exchange(), true, false));
    admin.declareExchange(new DirectExchange(names.deadLetterExchange(), true, false));
    admin.declareQueue(deadLetterQueue());
    declared.add("");
  }

  private Queue deadLetterQueue() {
    return new Queue(
        names.deadLetterQueue(), true, false, false, Map.of("x-queue-type", queueTypeArgument()));
  }

  private Map<String, Object> queueArguments() {
    Map<String, Object> arguments = new HashMap<>();
    arguments.put("x-queue-type", queueTypeArgument());
    arguments.put("x-dead-letter-exchange", names.deadLetterExchange());
    if (properties.queueType() == HangarProperties.QueueType.QUORUM) {
      arguments.put("x-delivery-limit", DELIVERY_LIMIT);
    }
    return arguments;
  }

  private String queueTypeArgument() {
    return properties.queueType() == HangarProperties.QueueType.QUORUM ? "quorum" : "classic";
  }

  private static Binding bind(Queue queue, String exchange, String routingKey) {
    return BindingBuilder.bind(queue).to(new DirectExchange(exchange)).with(routingKey);
  }
}
