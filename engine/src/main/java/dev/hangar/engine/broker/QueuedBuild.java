package dev.hangar.engine.broker;

import dev.hangar.engine.support.EngineJson;
import java.util.Optional;
import tools.jackson.core.JacksonException;

/** The body of a queue message: which build, and which attempt the message stands for. */
public record QueuedBuild(String buildId, int attempt) {

  public QueuedBuild {
    if (buildId == null || buildId.isBlank() || attempt < 1) {
      throw new IllegalArgumentException(
          "a queued build names its build and an attempt of 1 or more");
    }
  }

  /** The build a message body names, or empty when the body is not one Hangar publishes. */
  public static Optional<QueuedBuild> read(byte[] body) {
    try {
      return Optional.of(EngineJson.read(body, QueuedBuild.class));
    } catch (JacksonException unreadable) {
      return Optional.empty();
    }
  }
}
