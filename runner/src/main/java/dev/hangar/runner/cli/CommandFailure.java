package dev.hangar.runner.cli;

/**
 * A command could not do its job for a reason outside the flags; the message says it in one line.
 */
final class CommandFailure extends RuntimeException {

  CommandFailure(String message) {
    super(message, null, false, false);
  }
}
