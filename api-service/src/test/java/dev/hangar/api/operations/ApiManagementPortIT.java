package dev.hangar.api.operations;

import dev.hangar.api.support.Hangar;
import dev.hangar.testing.ManagementPortContract;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The api-service keeps /actuator off the port runners and the proxy reach ({@link
 * ManagementPortContract}).
 */
class ApiManagementPortIT extends ManagementPortContract {

  private Hangar hangar;

  @BeforeAll
  void start() {
    hangar = Hangar.start(1, 0, Map.of());
  }

  @AfterAll
  void stop() throws Exception {
    hangar.close();
  }

  @Override
  protected ConfigurableEnvironment environment() {
    return hangar.api(0).bean(ConfigurableEnvironment.class);
  }

  @Override
  protected int defaultManagementPort() {
    return 9080;
  }
}
