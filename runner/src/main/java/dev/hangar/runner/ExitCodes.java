package dev.hangar.runner;

/** What {@code hangar-runner} exits with, so a service manager can tell the cases apart. */
public final class ExitCodes {

  /** Done: registered, or drained and stopped as asked. */
  public static final int OK = 0;

  /** The server refused or could not be reached for a one-off command, or the runner failed. */
  public static final int FAILURE = 1;

  /** Bad flags or an unusable config file (picocli's own code for usage errors). */
  public static final int USAGE = 2;

  /**
   * The server does not accept the runner's token (deleted or revoked): restarting will not help.
   */
  public static final int RUNNER_REFUSED = 3;

  private ExitCodes() {}
}
