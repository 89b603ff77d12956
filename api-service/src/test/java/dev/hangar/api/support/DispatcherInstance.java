package dev.hangar.api.support;

import dev.hangar.testing.HangarProcesses;
import dev.hangar.testing.PrometheusSample;
import dev.hangar.testing.TestNamespace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A dispatcher in this JVM, beside the test's api-service instances: the reaper, outbox relay,
 * dead-letter redrive, log and retention sweeps and gauges of dispatcher.jar, on free ports. It
 * starts for a fraction of the CPU of a dispatcher process, which boots a JVM and loads and
 * compiles every class again, and api-service's tests need only what it does to shared state. The
 * packaged jar as a process keeps tests of its own (the dispatcher module's, PackagedLogsIT).
 *
 * <p>The dispatcher module is an application, not a library: its classes reach these tests on the
 * runtime class path alone (failsafe's {@code additionalClasspathElements}), so it is started by
 * name, and with its own application.yml, which api-service's would shadow on a shared class path.
 */
public final class DispatcherInstance implements AutoCloseable {

  private static final String APPLICATION = "dev.hangar.dispatch.DispatcherApplication";

  private final ConfigurableApplicationContext context;

  private DispatcherInstance(ConfigurableApplicationContext context) {
    this.context = context;
  }

  public static DispatcherInstance start(TestNamespace namespace, Map<String, Object> settings) {
    Map<String, Object> properties = new HashMap<>();
    properties.put("spring.config.location", "file:" + applicationYml());
    properties.put("server.port", 0);
    properties.put("management.server.port", 0);
    // api-service's OpenAPI documents are on this class path too; the dispatcher serves none.
    properties.put("springdoc.api-docs.enabled", false);
    properties.put("springdoc.swagger-ui.enabled", false);
    properties.putAll(settings);
    return new DispatcherInstance(
        ContextTurns.start(
            new SpringApplicationBuilder(application()),
            HangarProcesses.asArguments(
                HangarProcesses.dispatcherSettings(namespace, properties))));
  }

  /**
   * The value of a sample in the dispatcher's {@code /actuator/prometheus} answer, e.g. {@code
   * metric("hangar_dead_letters_total", Map.of("outcome", "stale"))}; fails when there is none.
   */
  public double metric(String name, Map<String, String> labels) {
    return PrometheusSample.valueOf(
        samples(), name, labels, "the dispatcher's /actuator/prometheus");
  }

  /** Every sample of the dispatcher's {@code /actuator/prometheus} answer. */
  public List<PrometheusSample> samples() {
    String port = context.getEnvironment().getRequiredProperty("local.management.port");
    return PrometheusSample.parse(
        new ApiClient("http://127.0.0.1:" + port)
            .get("/actuator/prometheus", null)
            .expect(200)
            .body());
  }

  @Override
  public void close() {
    ContextTurns.close(context);
  }

  private static Class<?> application() {
    try {
      return Class.forName(APPLICATION);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(
          APPLICATION
              + " is not on the class path: run the tests through Maven (failsafe adds"
              + " dispatcher/target/classes)",
          e);
    }
  }

  private static Path applicationYml() {
    Path yml =
        HangarProcesses.jar("dispatcher").resolveSibling("classes").resolve("application.yml");
    if (!Files.isRegularFile(yml)) {
      throw new IllegalStateException("missing " + yml + ": build the dispatcher module first");
    }
    return yml;
  }
}
