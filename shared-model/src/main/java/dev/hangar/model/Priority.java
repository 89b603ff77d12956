package dev.hangar.model;

/**
 * Order within one capability class: every waiting {@code high} build goes before any {@code
 * normal} one.
 */
public enum Priority implements WireName {
  HIGH,
  NORMAL;

  public static Priority fromWire(String value) {
    return WireName.parse(Priority.class, value);
  }
}
