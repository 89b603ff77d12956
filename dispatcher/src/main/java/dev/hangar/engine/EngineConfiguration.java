package dev.hangar.engine;

import dev.hangar.engine.broker.QueueNames;
import dev.hangar.engine.redis.Keys;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** The engine's beans; both processes import this and add their own (REST, or the reaper). */
@Configuration
@ComponentScan
@EnableConfigurationProperties(HangarProperties.class)
public class EngineConfiguration {

  @Bean
  Keys keys(HangarProperties properties) {
    return new Keys(properties);
  }

  @Bean
  QueueNames queueNames(HangarProperties properties) {
    return new QueueNames(properties);
  }

  @Bean
  RabbitAdmin rabbitAdmin(ConnectionFactory connectionFactory) {
    RabbitAdmin admin = new RabbitAdmin(connectionFactory);
    // Declarations are made on demand by BrokerTopology, not replayed from beans on every reconnect.
    admin.setAutoStartup(false);
    return admin;
  }
}
