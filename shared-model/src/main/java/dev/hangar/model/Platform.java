package dev.hangar.model;

/** A target platform a runner can build for and a pipeline builds. */
public enum Platform implements WireName {
  ANDROID,
  IOS,
  MACOS,
  LINUX,
  WINDOWS,
  WEB;

  public static Platform fromWire(String value) {
    return WireName.parse(Platform.class, value);
  }
}
