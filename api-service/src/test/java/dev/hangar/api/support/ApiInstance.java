package dev.hangar.api.support;

import dev.hangar.api.ApiApplication;
import dev.hangar.testing.HangarProcesses;
import dev.hangar.testing.TestNamespace;
import dev.hangar.testing.TestSecrets;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** One api-service instance in this JVM, on a free port, in a test namespace. */
public final class ApiInstance implements AutoCloseable {

  public static final String ADMIN_PASSWORD = TestSecrets.ADMIN_PASSWORD;
  public static final String SECRETS_KEY = TestSecrets.SECRETS_KEY;

  private final ConfigurableApplicationContext context;
  private final String baseUrl;

  private ApiInstance(ConfigurableApplicationContext context) {
    this.context = context;
    this.baseUrl = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
  }

  public static ApiInstance start(TestNamespace namespace, Map<String, Object> settings) {
    Map<String, Object> properties = new HashMap<>();
    properties.put("server.port", 0);
    // A free port like the main one: the default would collide between instances and with a Hangar
    // running here.
    properties.put("management.server.port", 0);
    properties.putAll(settings);
    return new ApiInstance(
        ContextTurns.start(
            new SpringApplicationBuilder(ApiApplication.class),
            HangarProcesses.asArguments(HangarProcesses.apiSettings(namespace, properties))));
  }

  public String baseUrl() {
    return baseUrl;
  }

  public ApiClient client() {
    return new ApiClient(baseUrl);
  }

  /**
   * A client that gives up on any request after {@code timeout}, like a runner with a short HTTP
   * timeout.
   */
  public ApiClient client(java.time.Duration timeout) {
    return new ApiClient(baseUrl, timeout);
  }

  public <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  /** The bean of that name, for a type of which the context has several. */
  public <T> T bean(String name, Class<T> type) {
    return context.getBean(name, type);
  }

  @Override
  public void close() {
    ContextTurns.close(context);
  }
}
