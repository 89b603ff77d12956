package dev.hangar.engine.logs;

import dev.hangar.engine.HangarProperties;
import org.springframework.stereotype.Component;

/**
 * The Redis pub/sub channel of each build's live log: the scripts that add to a log publish there
 * what they added, and {@code end} when the build has ended, so every instance with followers of
 * the build hears of it at once ({@link LogMessage}).
 */
@Component
public class LogChannels {

  private final String prefix;

  public LogChannels(HangarProperties properties) {
    this.prefix = properties.namespace() + ":log-events:";
  }

  public String of(String buildId) {
    return prefix + buildId;
  }
}
