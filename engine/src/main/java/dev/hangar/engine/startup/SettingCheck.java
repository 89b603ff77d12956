package dev.hangar.engine.startup;

import java.time.Duration;

/**
 * The check every settings type runs on its values, so that a bad one stops start-up with the same
 * one line wherever it is read: {@code HANGAR_X=value is invalid: must be …} ({@link
 * StartupFailure} passes such a message on as it is).
 */
public final class SettingCheck {

  private SettingCheck() {}

  public static void require(boolean ok, String variable, Object value, String expected) {
    if (!ok) {
      throw new IllegalArgumentException(
          variable + "=" + show(value) + " is invalid: must be " + expected);
    }
  }

  /** A timer's delay: zero or less would spin or stop it. */
  public static void requireTimer(String variable, Duration interval) {
    require(interval.toMillis() >= 10, variable, interval, "at least 10ms");
  }

  /** Durations as an operator writes them ({@code 250ms}, {@code 5s}, {@code 2m}), not ISO-8601. */
  public static String show(Object value) {
    if (!(value instanceof Duration d)) {
      return String.valueOf(value);
    }
    if (d.toMillis() % 60_000 == 0 && !d.isZero()) {
      return d.toMinutes() + "m";
    }
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }
}
