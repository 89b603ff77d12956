package dev.hangar.engine.startup;

import java.util.Locale;
import org.springframework.boot.context.properties.bind.BindException;

/**
 * Turns whatever stopped start-up into one line an operator can act on: a setting that failed to
 * bind names its environment variable and value; anything else gives its deepest cause.
 */
public final class StartupFailure {

  private StartupFailure() {}

  public static String describe(Throwable failure) {
    BindException bind = find(failure, BindException.class);
    Throwable root = rootCause(failure);
    if (bind != null) {
      if (root instanceof IllegalArgumentException
          && root.getMessage() != null
          && root.getMessage().startsWith("HANGAR_")) {
        return root.getMessage();
      }
      String variable =
          bind.getName().toString().toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
      Object value = bind.getProperty() == null ? null : bind.getProperty().getValue();
      return variable + "=" + value + " is invalid: " + root.getMessage();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }

  private static Throwable rootCause(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
