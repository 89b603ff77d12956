package dev.hangar.testing;

import dev.hangar.dispatch.DispatcherApplication;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts real Hangar processes in this JVM, each with its own Spring context, in a test namespace. */
public final class HangarProcesses {

  private HangarProcesses() {}

  /** A dispatcher (reaper + outbox relay) with no web server. */
  public static ConfigurableApplicationContext dispatcher(TestNamespace namespace, Map<String, Object> settings) {
    Map<String, Object> properties = new HashMap<>(namespace.properties());
    properties.put("hangar.reap-interval", "100ms");
    properties.put("hangar.outbox-interval", "200ms");
    properties.putAll(settings);
    return new SpringApplicationBuilder(DispatcherApplication.class)
        .web(WebApplicationType.NONE)
        .run(asArguments(properties));
  }

  /**
   * A dispatcher serving HTTP as in production: its main port (the probes) and its management port
   * (/actuator), both free ports, so instances in parallel and a Hangar running on this machine never collide.
   */
  public static ConfigurableApplicationContext dispatcherServingHttp(TestNamespace namespace, Map<String, Object> settings) {
    Map<String, Object> properties = new HashMap<>(namespace.properties());
    properties.put("server.port", 0);
    properties.put("management.server.port", 0);
    properties.putAll(settings);
    return new SpringApplicationBuilder(DispatcherApplication.class).run(asArguments(properties));
  }

  /**
   * Settings as command-line arguments: they then outrank application.yml, as environment variables
   * do in production (SpringApplicationBuilder.properties would rank below it).
   */
  public static String[] asArguments(Map<String, Object> properties) {
    return properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
  }
}
