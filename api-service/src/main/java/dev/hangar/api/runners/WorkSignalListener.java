package dev.hangar.api.runners;

import dev.hangar.engine.claims.KnownEmptyQueues;
import dev.hangar.engine.claims.QueueFeeds;
import dev.hangar.engine.classes.ClassRegistry;
import dev.hangar.engine.signals.RunnerSignals;
import dev.hangar.engine.signals.WorkSignals;
import java.nio.charset.StandardCharsets;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * Subscribes this instance to work signals: the class's queues are worth a look again, and its
 * waiters are served; and to runner signals: a runner that changed has its waits here ended. A
 * message RabbitMQ pushes to this instance ({@link QueueFeeds}) serves them too, and so does a
 * class entering this instance's class list ({@link ClassRegistry}).
 */
@Configuration
class WorkSignalListener {

  @Bean
  RedisMessageListenerContainer workSignalSubscription(
      RedisConnectionFactory connections,
      WorkSignals signals,
      RunnerSignals runnerSignals,
      KnownEmptyQueues empty,
      QueueFeeds feeds,
      ClassRegistry classes,
      ClaimWaiters waiters) {
    feeds.onDelivery(waiters::workArrived);
    classes.onClassAdded(waiters::classAdded);
    RedisMessageListenerContainer container = new RedisMessageListenerContainer();
    container.setConnectionFactory(connections);
    container.addMessageListener(
        (message, pattern) -> {
          String classKey = new String(message.getBody(), StandardCharsets.UTF_8);
          empty.workArrived(classKey);
          waiters.workArrived(classKey);
        },
        new ChannelTopic(signals.channel()));
    container.addMessageListener(
        (message, pattern) ->
            waiters.runnerChanged(new String(message.getBody(), StandardCharsets.UTF_8)),
        new ChannelTopic(runnerSignals.channel()));
    return container;
  }
}
