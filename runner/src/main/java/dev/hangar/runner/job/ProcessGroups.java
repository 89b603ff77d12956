package dev.hangar.runner.job;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Starts commands in a session (and so a process group) of their own, and signals whole groups. A
 * step's shell, its children and their children share the group, so one signal reaches all of them,
 * and a Ctrl-C at the runner's terminal reaches none of them.
 *
 * <p>Linux has util-linux's {@code setsid}, which calls setsid(2) and then execs the command, so
 * the pid Java sees is the group's id. macOS has no setsid command; its base system ships perl,
 * whose POSIX module makes the same call before the same exec. Neither forks: util-linux's setsid
 * forks only when the caller already leads a process group, which a child the JVM just spawned
 * never does.
 */
public final class ProcessGroups {

  /** Calls setsid(2) and execs the arguments as they are: no shell, so nothing is re-parsed. */
  static final String PERL_SETSID =
      "use POSIX (); POSIX::setsid() or die \"setsid: $!\\n\"; exec { $ARGV[0] } @ARGV or die \"$ARGV[0]: $!\\n\"";

  private ProcessGroups() {}

  /** The command wrapped so that it leads a new session and process group. */
  public static List<String> inOwnGroup(List<String> command, String osName) {
    List<String> wrapped = new ArrayList<>(launcher(osName));
    wrapped.addAll(command);
    return wrapped;
  }

  static List<String> launcher(String osName) {
    return osName.toLowerCase(Locale.ROOT).startsWith("linux")
        ? List.of("setsid")
        : List.of("perl", "-e", PERL_SETSID);
  }

  /**
   * Sends {@code signal} (TERM, KILL) to every process in group {@code pgid}; a group already gone
   * is fine.
   */
  public static void signal(long pgid, String signal) {
    try {
      // The shell's own kill: negative pids (groups) and `--` work alike in dash, bash and zsh.
      Process kill =
          new ProcessBuilder(
                  "/bin/sh",
                  "-c",
                  "kill -s \"$1\" -- \"-$2\" 2>/dev/null",
                  "kill",
                  signal,
                  Long.toString(pgid))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!kill.waitFor(10, TimeUnit.SECONDS)) {
        kill.destroyForcibly();
      }
    } catch (IOException e) {
      // No /bin/sh to run kill: the caller also signals the processes it can see one by one.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
