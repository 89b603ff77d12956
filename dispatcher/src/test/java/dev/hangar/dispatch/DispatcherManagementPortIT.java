package dev.hangar.dispatch;

import dev.hangar.testing.ManagementPortContract;
import dev.hangar.testing.TestNamespace;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;

/** The dispatcher keeps /actuator off its main port ({@link ManagementPortContract}). */
class DispatcherManagementPortIT extends ManagementPortContract {

  private TestNamespace namespace;
  private ConfigurableApplicationContext dispatcher;

  @BeforeAll
  void start() {
    namespace = TestNamespace.create();
    dispatcher = InProcessDispatcher.startServingHttp(namespace, Map.of());
  }

  @AfterAll
  void stop() throws Exception {
    dispatcher.close();
    namespace.close();
  }

  @Override
  protected ConfigurableEnvironment environment() {
    return dispatcher.getEnvironment();
  }

  @Override
  protected int defaultManagementPort() {
    return 9081;
  }
}
