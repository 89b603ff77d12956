package dev.hangar.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/**
 * Order within one capability class: every waiting {@code high} build goes before any {@code
 * normal} one.
 */
public enum Priority {
  @JsonProperty("high")
  HIGH,
  @JsonProperty("normal")
  NORMAL;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Priority fromWire(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
