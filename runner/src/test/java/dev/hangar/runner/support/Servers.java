package dev.hangar.runner.support;

import dev.hangar.api.support.ApiClient;
import dev.hangar.testing.HangarProcess;
import dev.hangar.testing.HangarProcesses;
import dev.hangar.testing.TestNamespace;
import java.util.Map;

/**
 * The Hangar a runner test talks to, as an operator runs it: api-service.jar and dispatcher.jar,
 * which requeues builds whose lease runs out, each a process of its own in the test's namespace.
 * Closing stops them; the namespace is the caller's to delete.
 */
public final class Servers implements AutoCloseable {

  private final HangarProcess api;
  private final HangarProcess dispatcher;

  private Servers(HangarProcess api, HangarProcess dispatcher) {
    this.api = api;
    this.dispatcher = dispatcher;
  }

  /** An api-service and a dispatcher, returned once both are healthy. */
  public static Servers start(TestNamespace namespace, Map<String, Object> settings) {
    // Both JVMs boot side by side.
    HangarProcess dispatcher = HangarProcesses.launchDispatcher(namespace, settings);
    HangarProcess api = HangarProcesses.launchApi(namespace, settings);
    Servers servers = new Servers(api, dispatcher);
    try {
      api.awaitHealthy();
      dispatcher.awaitHealthy();
      return servers;
    } catch (RuntimeException e) {
      servers.close();
      throw e;
    }
  }

  public String baseUrl() {
    return api.baseUrl();
  }

  public ApiClient client() {
    return new ApiClient(api.baseUrl());
  }

  @Override
  public void close() {
    api.close();
    dispatcher.close();
  }
}
