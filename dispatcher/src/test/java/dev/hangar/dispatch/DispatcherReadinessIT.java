package dev.hangar.dispatch;

import dev.hangar.testing.ReadinessContract;
import dev.hangar.testing.TestNamespace;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;

/** The dispatcher's readiness follows Redis and RabbitMQ ({@link ReadinessContract}). */
class DispatcherReadinessIT extends ReadinessContract {

  @Override
  protected Running start(TestNamespace namespace, Map<String, Object> settings) {
    ConfigurableApplicationContext dispatcher =
        InProcessDispatcher.startServingHttp(namespace, settings);
    return new Running(dispatcher.getEnvironment(), dispatcher);
  }
}
