package dev.hangar.engine.broker;

import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.ChannelCallback;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

/**
 * Channels for taking messages ({@code basic.get}, ack, reject) on the main connection, apart from
 * publishing, which uses the publisher connection with confirms and returns (EngineConfiguration).
 * RabbitMQ blocks a connection that publishes while a memory or disk alarm lasts: claims on it
 * would stall too, though draining the queues is what ends the alarm. Channels without confirms are
 * also cheaper to take from the cache and give back (no pending-confirm bookkeeping on every
 * claim).
 */
@Component
public class ConsumerChannels {

  private final RabbitTemplate template;

  public ConsumerChannels(ConnectionFactory connectionFactory) {
    this.template = new RabbitTemplate(connectionFactory);
  }

  /** Runs {@code action} on a cached channel of the main connection. */
  public <T> T execute(ChannelCallback<T> action) {
    return template.execute(action);
  }
}
