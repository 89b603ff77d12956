package dev.hangar.api.operations;

import dev.hangar.api.support.ApiInstance;
import dev.hangar.testing.ReadinessContract;
import dev.hangar.testing.TestNamespace;
import java.util.Map;
import org.springframework.core.env.ConfigurableEnvironment;

/** The api-service's readiness follows Redis and RabbitMQ ({@link ReadinessContract}). */
class ApiReadinessIT extends ReadinessContract {

  @Override
  protected Running start(TestNamespace namespace, Map<String, Object> settings) {
    ApiInstance api = ApiInstance.start(namespace, settings);
    return new Running(api.bean(ConfigurableEnvironment.class), api);
  }
}
