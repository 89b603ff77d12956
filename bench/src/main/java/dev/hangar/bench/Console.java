package dev.hangar.bench;

import java.io.PrintStream;

/**
 * Where the bench speaks. The table is the bench's product and goes to stdout; progress goes to
 * stderr with the time since start, so `./hangar bench > result.md` keeps only the table.
 */
final class Console {

  private static final long STARTED = System.nanoTime();
  private static final PrintStream OUT = System.out;
  private static final PrintStream ERR = System.err;

  private Console() {}

  static void progress(String format, Object... args) {
    ERR.printf("[%6.1fs] %s%n", (System.nanoTime() - STARTED) / 1e9, String.format(format, args));
  }

  static void result(String text) {
    OUT.print(text);
    OUT.flush();
  }

  static double elapsedSeconds() {
    return (System.nanoTime() - STARTED) / 1e9;
  }
}
