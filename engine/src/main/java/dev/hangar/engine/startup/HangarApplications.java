package dev.hangar.engine.startup;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Start-up shared by both processes. Settings are bound and checked before Spring starts, so a typo
 * in the environment ends the process with one line naming the variable — no banner, no log, no
 * stack trace; any later start-up failure is reported the same way.
 */
public final class HangarApplications {

  private HangarApplications() {}

  /**
   * Runs the application after checking each {@code @ConfigurationProperties} record in {@code
   * settings}.
   */
  public static void run(Class<?> application, String name, String[] args, Class<?>... settings) {
    try {
      Binder binder = check(args, settings);
      SpringApplication spring = new SpringApplication(application);
      // Logging is set up before any bean exists, so its format is decided here.
      spring.setDefaultProperties(
          binder
              .bindOrCreate(
                  ConsoleLogSettings.class.getAnnotation(ConfigurationProperties.class).value(),
                  ConsoleLogSettings.class)
              .springDefaults());
      spring.run(args);
    } catch (Throwable failure) {
      System.err.println(name + " cannot start: " + StartupFailure.describe(failure));
      System.exit(2);
    }
  }

  /**
   * Binds the settings exactly as Spring will (environment variables, system properties,
   * arguments).
   */
  static Binder check(String[] args, Class<?>... settings) {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
    return bindAll(Binder.get(environment), settings);
  }

  /**
   * The line start-up would end with were these the process's environment variables (and nothing
   * else set), or empty when every setting is good: what an operator would read, without starting a
   * process.
   */
  public static Optional<String> refusal(Map<String, Object> environment, Class<?>... settings) {
    StandardEnvironment only = new StandardEnvironment();
    MutablePropertySources sources = only.getPropertySources();
    sources.forEach(source -> sources.remove(source.getName()));
    sources.addFirst(
        new SystemEnvironmentPropertySource(
            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment));
    try {
      bindAll(Binder.get(only), settings);
      return Optional.empty();
    } catch (RuntimeException failure) {
      return Optional.of(StartupFailure.describe(failure));
    }
  }

  /** Binds each settings record, and the console's log format, which every process has. */
  private static Binder bindAll(Binder binder, Class<?>... settings) {
    for (Class<?> type :
        Stream.concat(Stream.of(ConsoleLogSettings.class), Stream.of(settings)).toList()) {
      binder.bindOrCreate(type.getAnnotation(ConfigurationProperties.class).value(), type);
    }
    return binder;
  }
}
