package dev.hangar.runner.config;

/** The config file cannot be used; the message says why and what to do, in one line. */
public final class ConfigException extends Exception {

  public ConfigException(String message) {
    super(message);
  }
}
