package dev.hangar.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.hangar.engine.broker.QueueNames;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The extension's promise, checked on a test class run by JUnit itself: one namespace for the
 * class, emptied afterwards.
 */
class HangarNamespaceExtensionIT {

  @Test
  void theTestsOfAClassShareOneNamespaceThatIsDeletedAfterThem() throws Exception {
    EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(TwoTests.class))
        .execute()
        .testEvents()
        .assertStatistics(s -> s.succeeded(2));

    assertThat(TwoTests.seen).hasSize(1);
    String name = TwoTests.seen.iterator().next();
    try (TestNamespace probe = TestNamespace.create()) {
      assertThat(probe.redis().keys(name + ":*")).isEmpty();
      try (Connection connection = probe.rabbit()) {
        // The broker closes the channel on NOT_FOUND; the connection is closed normally.
        Channel channel = connection.createChannel();
        assertThatThrownBy(
                () -> channel.queueDeclarePassive(new QueueNames(name).deadLetterQueue()))
            .isInstanceOf(IOException.class)
            .hasStackTraceContaining("NOT_FOUND");
      }
    }
  }

  @ExtendWith(HangarNamespaceExtension.class)
  static class TwoTests {

    static final Set<String> seen = ConcurrentHashMap.newKeySet();

    @Test
    void leavesAKeyAndAQueue(TestNamespace namespace) throws Exception {
      seen.add(namespace.name());
      namespace.redis().set(namespace.name() + ":left-behind", "yes");
      try (Connection connection = namespace.rabbit();
          Channel channel = connection.createChannel()) {
        channel.queueDeclare(
            new QueueNames(namespace.name()).deadLetterQueue(), true, false, false, null);
      }
    }

    @Test
    void seesTheSameNamespace(TestNamespace namespace) {
      seen.add(namespace.name());
    }
  }
}
