package dev.hangar.dispatch;

import dev.hangar.engine.EngineConfiguration;
import dev.hangar.engine.HangarProperties;
import dev.hangar.engine.logs.LogSettings;
import dev.hangar.engine.startup.HangarApplications;
import dev.hangar.engine.storage.StorageSettings;
import dev.hangar.web.problems.TomcatProblems;
import java.util.List;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The dispatcher process: reaps expired leases, republishes the outbox, sends dead letters back and
 * exports the queue gauges. Several may run at once.
 */
@SpringBootApplication
@EnableScheduling
@EnableConfigurationProperties(DispatcherSettings.class)
@Import({EngineConfiguration.class, TomcatProblems.class})
public class DispatcherApplication {

  /** Every settings record, checked before Spring starts. */
  public static final List<Class<?>> SETTINGS =
      List.of(
          HangarProperties.class,
          LogSettings.class,
          StorageSettings.class,
          DispatcherSettings.class);

  public static void main(String[] args) {
    HangarApplications.run(
        DispatcherApplication.class, "dispatcher", args, SETTINGS.toArray(Class<?>[]::new));
  }
}
