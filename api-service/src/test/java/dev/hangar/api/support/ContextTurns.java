package dev.hangar.api.support;

import java.util.concurrent.locks.ReentrantLock;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts and closes the Spring applications of this JVM one at a time. Both set up or tear down
 * logging, which is one for the whole JVM, and two at once race on it (Logback's context throws a
 * ConcurrentModificationException). Test cases that each run a Hangar of their own may still run at
 * once: their starts take turns, and their waiting overlaps.
 */
final class ContextTurns {

  private static final ReentrantLock TURN = new ReentrantLock();

  private ContextTurns() {}

  static ConfigurableApplicationContext start(
      SpringApplicationBuilder application, String... arguments) {
    TURN.lock();
    try {
      return application.run(arguments);
    } finally {
      TURN.unlock();
    }
  }

  static void close(ConfigurableApplicationContext context) {
    TURN.lock();
    try {
      context.close();
    } finally {
      TURN.unlock();
    }
  }
}
