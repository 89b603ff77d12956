package dev.hangar.dispatch;

import dev.hangar.testing.HangarProcesses;
import dev.hangar.testing.TestNamespace;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The dispatcher application in the test's own JVM, with no web server, for the engine's tests that look
 * at its beans (tests of the process as a whole start dispatcher.jar, see HangarProcesses).
 */
public final class InProcessDispatcher {

  private InProcessDispatcher() {}

  public static ConfigurableApplicationContext start(TestNamespace namespace, Map<String, Object> settings) {
    return new SpringApplicationBuilder(DispatcherApplication.class)
        .web(WebApplicationType.NONE)
        .run(HangarProcesses.asArguments(HangarProcesses.dispatcherSettings(namespace, settings)));
  }
}
