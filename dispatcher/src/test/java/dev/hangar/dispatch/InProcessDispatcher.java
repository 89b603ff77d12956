package dev.hangar.dispatch;

import dev.hangar.testing.HangarProcesses;
import dev.hangar.testing.TestNamespace;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The dispatcher application in the test's own JVM, with no web server, for the engine's tests that
 * look at its beans (tests of the process as a whole start dispatcher.jar, see HangarProcesses).
 */
public final class InProcessDispatcher {

  private InProcessDispatcher() {}

  public static ConfigurableApplicationContext start(
      TestNamespace namespace, Map<String, Object> settings) {
    return new SpringApplicationBuilder(DispatcherApplication.class)
        .web(WebApplicationType.NONE)
        .run(HangarProcesses.asArguments(HangarProcesses.dispatcherSettings(namespace, settings)));
  }

  /**
   * The dispatcher serving HTTP as in production: its main port (the probes) and its management
   * port (/actuator), both free ports, so instances in parallel and a Hangar running on this
   * machine never collide.
   */
  public static ConfigurableApplicationContext startServingHttp(
      TestNamespace namespace, Map<String, Object> settings) {
    Map<String, Object> properties = new HashMap<>(namespace.properties());
    properties.put("server.port", 0);
    properties.put("management.server.port", 0);
    properties.putAll(settings);
    return new SpringApplicationBuilder(DispatcherApplication.class)
        .run(HangarProcesses.asArguments(properties));
  }
}
