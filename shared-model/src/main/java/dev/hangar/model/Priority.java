package dev.hangar.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Order within one capability class: every waiting {@code high} build goes before any {@code normal} one. */
public enum Priority {
  @JsonProperty("high") HIGH,
  @JsonProperty("normal") NORMAL;

  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static Priority fromWire(String value) {
    return valueOf(value.toUpperCase(java.util.Locale.ROOT));
  }
}
