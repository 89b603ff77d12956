package dev.hangar.runner.support;

import dev.hangar.api.support.ApiClient;
import dev.hangar.testing.HangarProcess;
import dev.hangar.testing.HangarProcesses;
import dev.hangar.testing.TestNamespace;
import java.util.Map;
import java.util.Optional;

/**
 * The Hangar a runner test talks to, as an operator runs it: api-service.jar and, where builds must
 * be requeued when a lease runs out, dispatcher.jar, each a process of its own in the test's
 * namespace. Closing stops them; the namespace is the caller's to delete.
 */
public final class Servers implements AutoCloseable {

  private final HangarProcess api;
  private final Optional<HangarProcess> dispatcher;

  private Servers(HangarProcess api, Optional<HangarProcess> dispatcher) {
    this.api = api;
    this.dispatcher = dispatcher;
  }

  /** An api-service and a dispatcher, returned once both are healthy. */
  public static Servers withDispatcher(TestNamespace namespace, Map<String, Object> settings) {
    // Both JVMs boot side by side.
    HangarProcess dispatcher = HangarProcesses.launchDispatcher(namespace, settings);
    return start(namespace, settings, Optional.of(dispatcher));
  }

  /** An api-service alone, enough for registering and starting runners. */
  public static Servers apiOnly(TestNamespace namespace, Map<String, Object> settings) {
    return start(namespace, settings, Optional.empty());
  }

  private static Servers start(
      TestNamespace namespace, Map<String, Object> settings, Optional<HangarProcess> dispatcher) {
    HangarProcess api = HangarProcesses.launchApi(namespace, settings);
    Servers servers = new Servers(api, dispatcher);
    try {
      api.awaitHealthy();
      dispatcher.ifPresent(HangarProcess::awaitHealthy);
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
    dispatcher.ifPresent(HangarProcess::close);
  }
}
