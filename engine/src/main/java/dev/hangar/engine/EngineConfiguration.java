package dev.hangar.engine;

import dev.hangar.engine.broker.QueueNames;
import dev.hangar.engine.logs.LogSettings;
import dev.hangar.engine.redis.Keys;
import dev.hangar.engine.storage.StorageSettings;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory.ConfirmType;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.amqp.autoconfigure.RabbitTemplateCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** The engine's beans; both processes import this and add their own (REST, or the reaper). */
@Configuration
@ComponentScan
@EnableConfigurationProperties({HangarProperties.class, LogSettings.class, StorageSettings.class})
public class EngineConfiguration {

  @Bean
  Keys keys(HangarProperties properties) {
    return new Keys(properties);
  }

  @Bean
  QueueNames queueNames(HangarProperties properties) {
    return new QueueNames(properties);
  }

  /**
   * Confirms and returns on the publisher connection only (BuildPublisher needs both to know a
   * build reached its queue); the main connection, where claims take messages, has neither. Why the
   * two are apart: {@link dev.hangar.engine.broker.ConsumerChannels}.
   */
  @Bean
  static BeanPostProcessor confirmsOnlyWherePublishing() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String name) {
        if (bean instanceof CachingConnectionFactory main
            && main.getPublisherConnectionFactory()
                instanceof CachingConnectionFactory publishing) {
          publishing.setPublisherConfirmType(ConfirmType.CORRELATED);
          publishing.setPublisherReturns(true);
        }
        return bean;
      }
    };
  }

  /**
   * Spring Boot's RabbitTemplate is the publishing one: it works on the publisher connection (set
   * as its connection factory, not through {@code usePublisherConnection}, which leaves the
   * template judging confirms by the main factory's settings).
   */
  @Bean
  RabbitTemplateCustomizer publishOnThePublisherConnection() {
    return template ->
        template.setConnectionFactory(
            template.getConnectionFactory().getPublisherConnectionFactory());
  }

  @Bean
  RabbitAdmin rabbitAdmin(ConnectionFactory connectionFactory) {
    RabbitAdmin admin = new RabbitAdmin(connectionFactory);
    // Declarations are made on demand by BrokerTopology, not replayed from beans on every
    // reconnect.
    admin.setAutoStartup(false);
    return admin;
  }
}
