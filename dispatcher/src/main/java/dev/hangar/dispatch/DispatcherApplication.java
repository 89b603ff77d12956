package dev.hangar.dispatch;

import dev.hangar.engine.EngineConfiguration;
import dev.hangar.engine.HangarProperties;
import dev.hangar.engine.startup.HangarApplications;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The dispatcher process: reaps expired leases and republishes the outbox. Several may run at once.
 */
@SpringBootApplication
@EnableScheduling
@Import(EngineConfiguration.class)
public class DispatcherApplication {

  public static void main(String[] args) {
    HangarApplications.run(DispatcherApplication.class, "dispatcher", args, HangarProperties.class);
  }
}
