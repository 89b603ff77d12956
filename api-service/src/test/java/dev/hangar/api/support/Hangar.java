package dev.hangar.api.support;

import dev.hangar.testing.HangarProcesses;
import dev.hangar.testing.TestNamespace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A whole Hangar for one test class: a fresh namespace on the real RabbitMQ and Redis, some
 * api-service instances and optionally a dispatcher, all torn down (and the namespace emptied) on close.
 */
public final class Hangar implements AutoCloseable {

  private final TestNamespace namespace;
  private final List<ApiInstance> apis = new ArrayList<>();
  private final List<ConfigurableApplicationContext> dispatchers = new ArrayList<>();
  private final Map<String, Object> settings;

  private Hangar(TestNamespace namespace, Map<String, Object> settings) {
    this.namespace = namespace;
    this.settings = settings;
  }

  /** {@code apis} api-service instances and {@code dispatchers} dispatchers sharing one namespace. */
  public static Hangar start(int apis, int dispatchers, Map<String, Object> settings) {
    return start(TestNamespace.create(), apis, dispatchers, settings);
  }

  /** The same, in a namespace the test made (e.g. on a Redis of its own). */
  public static Hangar start(TestNamespace namespace, int apis, int dispatchers, Map<String, Object> settings) {
    Hangar hangar = new Hangar(namespace, settings);
    for (int i = 0; i < apis; i++) {
      hangar.apis.add(ApiInstance.start(hangar.namespace, settings));
    }
    for (int i = 0; i < dispatchers; i++) {
      hangar.startDispatcher();
    }
    return hangar;
  }

  public ConfigurableApplicationContext startDispatcher() {
    ConfigurableApplicationContext dispatcher = HangarProcesses.dispatcher(namespace, settings);
    dispatchers.add(dispatcher);
    return dispatcher;
  }

  public ConfigurableApplicationContext dispatcher(int index) {
    return dispatchers.get(index);
  }

  public ApiInstance api(int index) {
    return apis.get(index);
  }

  public ApiClient client(int index) {
    return apis.get(index).client();
  }

  public ApiClient client() {
    return client(0);
  }

  public TestNamespace namespace() {
    return namespace;
  }

  @Override
  public void close() throws Exception {
    dispatchers.forEach(ConfigurableApplicationContext::close);
    apis.forEach(ApiInstance::close);
    namespace.close();
  }
}
