package dev.hangar.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/** A target platform a runner can build for and a pipeline builds. Wire names are lower case. */
public enum Platform {
  @JsonProperty("android")
  ANDROID,
  @JsonProperty("ios")
  IOS,
  @JsonProperty("macos")
  MACOS,
  @JsonProperty("linux")
  LINUX,
  @JsonProperty("windows")
  WINDOWS,
  @JsonProperty("web")
  WEB;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Platform fromWire(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
