package dev.hangar.api.support;

import dev.hangar.api.runners.ClaimWaiters;
import dev.hangar.testing.TestNamespace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;

/**
 * A whole Hangar for one test class: a fresh namespace on the real RabbitMQ and Redis, some
 * api-service instances and optionally dispatchers, all in this JVM, all torn down (and the
 * namespace emptied) on close.
 */
public final class Hangar implements AutoCloseable {

  private final TestNamespace namespace;
  private final List<ApiInstance> apis = new ArrayList<>();
  private final List<DispatcherInstance> dispatchers = new ArrayList<>();
  private final Map<String, Object> settings;

  private Hangar(TestNamespace namespace, Map<String, Object> settings) {
    this.namespace = namespace;
    this.settings = settings;
  }

  /**
   * {@code apis} api-service instances and {@code dispatchers} dispatchers sharing one namespace.
   */
  public static Hangar start(int apis, int dispatchers, Map<String, Object> settings) {
    return start(TestNamespace.create(), apis, dispatchers, settings);
  }

  /** The same, in a namespace the test made (e.g. on a Redis of its own). */
  public static Hangar start(
      TestNamespace namespace, int apis, int dispatchers, Map<String, Object> settings) {
    Hangar hangar = new Hangar(namespace, settings);
    try {
      for (int i = 0; i < apis; i++) {
        hangar.apis.add(ApiInstance.start(namespace, settings));
      }
      for (int i = 0; i < dispatchers; i++) {
        hangar.dispatchers.add(DispatcherInstance.start(namespace, settings));
      }
      return hangar;
    } catch (RuntimeException e) {
      try {
        hangar.close();
      } catch (Exception cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  /** One more dispatcher, returned once it has started. */
  public DispatcherInstance startDispatcher() {
    DispatcherInstance dispatcher = DispatcherInstance.start(namespace, settings);
    dispatchers.add(dispatcher);
    return dispatcher;
  }

  public DispatcherInstance dispatcher(int index) {
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

  /**
   * The runner's {@code claim?wait=30} on instance {@code index}, returned once that instance has
   * filed it as waiting: what a test does next can no longer happen before the wait began.
   */
  public CompletableFuture<ApiClient.Response> longPoll(int index, Given.Runner runner) {
    ClaimWaiters waiters = api(index).bean(ClaimWaiters.class);
    int before = waiters.waiting();
    CompletableFuture<ApiClient.Response> answer =
        CompletableFuture.supplyAsync(
            () -> client(index).post(runner.path("/claim?wait=30"), runner.token(), null));
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> answer.isDone() || waiters.waiting() > before);
    return answer;
  }

  @Override
  public void close() throws Exception {
    dispatchers.forEach(DispatcherInstance::close);
    apis.forEach(ApiInstance::close);
    namespace.close();
  }
}
