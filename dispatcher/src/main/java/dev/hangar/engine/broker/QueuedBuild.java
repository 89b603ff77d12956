package dev.hangar.engine.broker;

/** The body of a queue message: which build, and which attempt the message stands for. */
public record QueuedBuild(String buildId, int attempt) {

  public QueuedBuild {
    if (buildId == null || buildId.isBlank() || attempt < 1) {
      throw new IllegalArgumentException("a queued build names its build and an attempt of 1 or more");
    }
  }
}
