package dev.hangar.engine.support;

import org.springframework.boot.SpringApplication;

/** Start-up shared by both processes: a failure ends the process with one clear line, no stack trace. */
public final class HangarApplications {

  private HangarApplications() {}

  public static void run(Class<?> application, String name, String[] args) {
    try {
      SpringApplication.run(application, args);
    } catch (Throwable failure) {
      System.err.println(name + " cannot start: " + StartupFailure.describe(failure));
      System.exit(2);
    }
  }
}
