package dev.hangar.engine.broker;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.hangar.dispatch.InProcessDispatcher;
import dev.hangar.engine.classes.ClassRegistry;
import dev.hangar.model.CapabilityClass;
import dev.hangar.model.Platform;
import dev.hangar.model.Priority;
import dev.hangar.testing.TestNamespace;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Build queues are quorum queues unless HANGAR_QUEUE_TYPE says classic. The broker proves the type:
 * re-declaring a queue with the other type is refused (PRECONDITION_FAILED), with the same type
 * accepted.
 */
class QueueTypeIT {

  @ParameterizedTest
  @CsvSource({"quorum, classic", "classic, quorum"})
  void classQueuesHaveTheConfiguredType(String configured, String other) throws Exception {
    // A namespace per type, not HangarNamespaceExtension's one per class: the first dispatcher in a
    // namespace fixes the type of its dead-letter queue, which every class's queues share.
    try (TestNamespace namespace = TestNamespace.create();
        ConfigurableApplicationContext dispatcher =
            InProcessDispatcher.start(namespace, Map.of("hangar.queue-type", configured));
        Connection connection = namespace.rabbit()) {
      // Registered, not only declared, so the namespace's clean-up finds the class and deletes its
      // queues.
      CapabilityClass android = CapabilityClass.of(Platform.ANDROID, List.of(), Map.of());
      dispatcher.getBean(ClassRegistry.class).register(android);
      String queue = new QueueNames(namespace.name()).queue(android.key(), Priority.NORMAL);

      try (Channel channel = connection.createChannel()) {
        channel.queueDeclare(queue, true, false, false, arguments(namespace, configured));
      }
      assertThatThrownBy(
              () -> {
                try (Channel channel = connection.createChannel()) {
                  channel.queueDeclare(queue, true, false, false, arguments(namespace, other));
                }
              })
          .isInstanceOf(IOException.class)
          .hasStackTraceContaining("PRECONDITION_FAILED");
    }
  }

  private static Map<String, Object> arguments(TestNamespace namespace, String type) {
    QueueNames names = new QueueNames(namespace.name());
    return type.equals("quorum")
        ? Map.of(
            "x-queue-type",
            "quorum",
            "x-dead-letter-exchange",
            names.deadLetterExchange(),
            "x-delivery-limit",
            BrokerTopology.DELIVERY_LIMIT)
        : Map.of("x-queue-type", "classic", "x-dead-letter-exchange", names.deadLetterExchange());
  }
}
