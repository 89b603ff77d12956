package dev.hangar.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Ports for the servers a test starts. A port the kernel hands out for {@code bind(0)} comes from
 * the ephemeral range, which the same kernel also uses for every outgoing connection (to Redis,
 * RabbitMQ, a test's HTTP client): between choosing such a port and a child process binding it
 * seconds later, a connection can take it, and so can another test JVM choosing the same way. These
 * ports come from below that range instead, one after another from a counter that every test JVM on
 * the machine shares through a locked file, so no two JVMs (Failsafe forks, or test runs of two
 * checkouts) are handed the same port; one that some other program listens on is skipped.
 */
public final class FreePorts {

  /** Below Linux's default ephemeral range (32768–60999) and above well-known services. */
  private static final int FIRST = 20_000;

  private static final int COUNT = 12_000;
  private static final Path COUNTER =
      Path.of(System.getProperty("java.io.tmpdir"), "hangar-test-ports");

  private FreePorts() {}

  /** A port nothing listens on now that no test JVM here was handed recently. */
  public static int next() {
    for (int tried = 0; tried < COUNT; tried++) {
      int port = FIRST + Math.floorMod(take(), COUNT);
      if (free(port)) {
        return port;
      }
    }
    throw new IllegalStateException("no free port in " + FIRST + "+" + COUNT);
  }

  /**
   * The shared counter's value, incremented. Synchronized because a JVM may hold only one lock on
   * the file at a time; the file lock orders the JVMs.
   */
  private static synchronized int take() {
    try (FileChannel channel =
            FileChannel.open(
                COUNTER,
                StandardOpenOption.CREATE,
                StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock ignored = channel.lock()) {
      ByteBuffer value = ByteBuffer.allocate(Integer.BYTES);
      int next = channel.read(value, 0) == Integer.BYTES ? value.flip().getInt() : 0;
      channel.write(ByteBuffer.allocate(Integer.BYTES).putInt(0, next + 1), 0);
      return next;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot take a port from " + COUNTER, e);
    }
  }

  private static boolean free(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException taken) {
      return false;
    }
  }
}
