package dev.hangar.runner.output;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job's output in the runner's own log, each line prefixed with the build id and the step name.
 */
public final class LogSink implements OutputSink {

  private static final Logger log = LoggerFactory.getLogger("hangar.job");

  private final String buildId;

  public LogSink(String buildId) {
    this.buildId = buildId;
  }

  @Override
  public void line(String step, String text) {
    log.info("[{} {}] {}", buildId, step, text);
  }
}
