package dev.hangar.engine.logs;

import java.nio.charset.StandardCharsets;

/** The text Hangar itself writes into a build's log, beside what the runner sent. */
public final class LogText {

  /** Stands for a secret, wherever the server or the runner found one. */
  public static final String MASK = "[masked]";

  private LogText() {}

  /** Ends a log cut at HANGAR_LOG_MAX_BYTES. */
  static byte[] truncated(long maxBytes) {
    return ("\n[hangar: the log reached HANGAR_LOG_MAX_BYTES ("
            + maxBytes
            + " bytes) and was cut here; later output was not kept]\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** Opens the output of an attempt after the first, when a build runs again. */
  static byte[] attemptHeader(int attempt) {
    return ("\n--- attempt " + attempt + " (the build was requeued) ---\n")
        .getBytes(StandardCharsets.UTF_8);
  }
}
