package dev.hangar.engine.broker;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import dev.hangar.dispatch.InProcessDispatcher;
import dev.hangar.testing.HangarNamespaceExtension;
import dev.hangar.testing.TestNamespace;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.amqp.rabbit.connection.ChannelProxy;
import org.springframework.amqp.rabbit.connection.PublisherCallbackChannel;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Claims take messages on one connection, publishing has another with confirms and returns: a
 * publishing connection blocked by a broker alarm must not stall claims.
 */
@ExtendWith(HangarNamespaceExtension.class)
class BrokerConnectionsIT {

  @Test
  void publishingAndTakingUseDifferentConnectionsAndOnlyPublishingHasConfirms(
      TestNamespace namespace) {
    try (ConfigurableApplicationContext dispatcher =
        InProcessDispatcher.start(namespace, Map.of())) {
      RabbitTemplate publishing = dispatcher.getBean(RabbitTemplate.class);
      Channel publishingChannel =
          publishing.execute(channel -> ((ChannelProxy) channel).getTargetChannel());
      Channel takingChannel =
          dispatcher
              .getBean(ConsumerChannels.class)
              .execute(channel -> ((ChannelProxy) channel).getTargetChannel());

      assertThat(publishing.getConnectionFactory().isPublisherConfirms()).isTrue();
      assertThat(publishing.getConnectionFactory().isPublisherReturns()).isTrue();
      assertThat(publishingChannel).isInstanceOf(PublisherCallbackChannel.class);
      assertThat(takingChannel).isNotInstanceOf(PublisherCallbackChannel.class);
      assertThat(takingChannel.getConnection()).isNotSameAs(publishingChannel.getConnection());
    }
  }
}
