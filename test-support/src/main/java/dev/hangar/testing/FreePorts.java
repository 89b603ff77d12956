package dev.hangar.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ports for the servers a test starts. A port the kernel hands out for {@code bind(0)} comes from
 * the ephemeral range, which the same kernel also uses for every outgoing connection (to Redis,
 * RabbitMQ, a test's HTTP client): between choosing such a port and a child process binding it
 * seconds later, a connection can take it. These ports come from below that range instead, and each
 * test JVM (Failsafe fork) takes them from a slice of its own, one after another, so two forks
 * never choose the same port; a port some other program listens on is skipped.
 */
public final class FreePorts {

  /** Below Linux's default ephemeral range (32768–60999) and above well-known services. */
  private static final int FIRST = 20_000;

  private static final int SLICE = 2_500;
  private static final int SLICES = 5;
  private static final int SLICE_START = FIRST + SLICE * slice();
  private static final AtomicInteger NEXT = new AtomicInteger();

  private FreePorts() {}

  /** A port nothing listens on now that this JVM has not handed out before. */
  public static int next() {
    for (int tried = 0; tried < SLICE; tried++) {
      int port = SLICE_START + Math.floorMod(NEXT.getAndIncrement(), SLICE);
      if (free(port)) {
        return port;
      }
    }
    throw new IllegalStateException("no free port in " + SLICE_START + "+" + SLICE);
  }

  /**
   * This JVM's slice: Failsafe's fork number when the build passes it ({@code hangar.test.fork}),
   * else one chosen by process id, for a test started from an IDE.
   */
  private static int slice() {
    String fork = System.getProperty("hangar.test.fork", "");
    return fork.matches("\\d+")
        ? Integer.parseInt(fork) % SLICES
        : (int) (ProcessHandle.current().pid() % SLICES);
  }

  private static boolean free(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException taken) {
      return false;
    }
  }
}
