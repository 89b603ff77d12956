package dev.hangar.engine.startup;

import static dev.hangar.engine.startup.SettingCheck.require;

import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How both processes write their own log to the console: {@code text} for a person at a terminal,
 * {@code json} (one Elastic Common Schema object a line, dispatch events with build_id, runner_id
 * and attempt as fields) for a log collector.
 *
 * @param logFormat {@code text} or {@code json}
 */
@ConfigurationProperties("hangar")
public record ConsoleLogSettings(@DefaultValue("text") String logFormat) {

  private static final Set<String> FORMATS = Set.of("text", "json");

  public ConsoleLogSettings {
    require(FORMATS.contains(logFormat), "HANGAR_LOG_FORMAT", logFormat, "text or json");
  }

  /**
   * Spring Boot's settings for the format, as defaults: an explicit {@code
   * LOGGING_STRUCTURED_FORMAT_CONSOLE} still wins.
   */
  Map<String, Object> springDefaults() {
    return logFormat.equals("json") ? Map.of("logging.structured.format.console", "ecs") : Map.of();
  }
}
