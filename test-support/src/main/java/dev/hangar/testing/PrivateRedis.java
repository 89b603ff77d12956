package dev.hangar.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;

/**
 * A redis-server of the test's own on a free port, without persistence, that the test may stop and
 * start again on the same port: the shared Redis on 6379 is never stopped. Stopped by its own
 * process handle, never by name.
 */
public final class PrivateRedis implements AutoCloseable {

  private final int port;
  private Process process;

  private PrivateRedis(int port) {
    this.port = port;
  }

  /** A running redis-server, answering on its port. */
  public static PrivateRedis start() {
    PrivateRedis redis = new PrivateRedis(FreePorts.next());
    redis.restart();
    return redis;
  }

  public int port() {
    return port;
  }

  /** Starts it again on the same port (empty, as it keeps nothing). */
  public void restart() {
    try {
      process =
          new ProcessBuilder(
                  List.of(
                      "redis-server",
                      "--port",
                      String.valueOf(port),
                      "--bind",
                      "127.0.0.1",
                      "--save",
                      "",
                      "--appendonly",
                      "no"))
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectErrorStream(true)
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("redis-server could not be started", e);
    }
    await().atMost(Duration.ofSeconds(20)).until(this::answers);
  }

  /** Stops it and waits until its port refuses connections. */
  public void stop() {
    process.destroy();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> !answers());
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      stop();
    }
  }

  private boolean answers() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
