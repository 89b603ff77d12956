package dev.hangar.runner.agent;

import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT (Ctrl-C) replace the JVM's default, which would exit at once: the first asks
 * the runner to drain, the second to cancel its jobs and stop. A shutdown hook could not tell the
 * two apart, and during shutdown the JVM ignores a second signal. {@code sun.misc.Signal} is the
 * JDK's supported (jdk.unsupported) way to handle them.
 */
final class StopSignals {

  private StopSignals() {}

  static void install(Runnable first, Runnable second) {
    AtomicInteger received = new AtomicInteger();
    for (String name : new String[] {"TERM", "INT"}) {
      Signal.handle(
          new Signal(name),
          signal -> {
            // The handler thread must return quickly; the work happens on a thread of its own.
            Runnable action = received.incrementAndGet() == 1 ? first : second;
            Thread.ofPlatform().name("SIG" + signal.getName()).start(action);
          });
    }
  }
}
