package dev.hangar.runner.api;

import java.io.IOException;

/**
 * No answer from the api-service: refused, reset or timed out. Worth asking again after a pause.
 */
public final class ServerUnreachable extends RuntimeException {

  public ServerUnreachable(String what, IOException cause) {
    super(what + ": " + describe(cause), cause, false, false);
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }
}
