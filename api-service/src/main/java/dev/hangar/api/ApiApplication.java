package dev.hangar.api;

import dev.hangar.api.artifacts.ArtifactSettings;
import dev.hangar.api.signing.SecretsSettings;
import dev.hangar.api.signing.SigningSettings;
import dev.hangar.engine.EngineConfiguration;
import dev.hangar.engine.HangarProperties;
import dev.hangar.engine.logs.LogSettings;
import dev.hangar.engine.startup.HangarApplications;
import dev.hangar.engine.storage.StorageSettings;
import dev.hangar.web.problems.TomcatProblems;
import java.util.List;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The REST service. Stateless: run as many as you like behind a proxy, all sharing Redis and
 * RabbitMQ.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@Import({EngineConfiguration.class, TomcatProblems.class})
public class ApiApplication {

  /** Every settings record, checked before Spring starts. */
  public static final List<Class<?>> SETTINGS =
      List.of(
          HangarProperties.class,
          LogSettings.class,
          StorageSettings.class,
          ApiSettings.class,
          SecretsSettings.class,
          SigningSettings.class,
          ArtifactSettings.class);

  public static void main(String[] args) {
    HangarApplications.run(
        ApiApplication.class, "api-service", args, SETTINGS.toArray(Class<?>[]::new));
  }
}
