package dev.hangar.runner.job;

/** The config snapshot does not describe steps this runner can run; the message names the field. */
public final class InvalidPipeline extends Exception {

  public InvalidPipeline(String message) {
    super(message, null, false, false);
  }
}
