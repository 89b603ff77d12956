package dev.hangar.runner.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether a process a step started still runs, read from the pid file the step wrote. */
public final class Pids {

  private Pids() {}

  public static long read(Path pidFile) throws IOException {
    return Long.parseLong(Files.readString(pidFile).strip());
  }

  /**
   * A killed orphan stays a zombie until init reaps it, and a zombie runs nothing: on Linux its
   * state in /proc says so. Elsewhere, whether the JVM still sees the process.
   */
  public static boolean running(long pid) {
    Path stat = Path.of("/proc", Long.toString(pid), "stat");
    if (Files.isDirectory(Path.of("/proc", "self"))) {
      try {
        String text = Files.readString(stat);
        char state = text.charAt(text.lastIndexOf(')') + 2);
        return state != 'Z' && state != 'X';
      } catch (IOException gone) {
        return false;
      }
    }
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  /** Test cleanup: a process a killed runner left behind must not outlive the test. */
  public static void kill(long pid) {
    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
  }
}
