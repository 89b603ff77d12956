package dev.hangar.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay on a free loopback port to a shared service (RabbitMQ), which a test can sever and
 * restore: to the process connected through it the service goes away and comes back, while the
 * service itself, which other tests use, keeps running.
 */
public final class SeverableLink implements AutoCloseable {

  private final int port;
  private final int targetPort;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private volatile ServerSocket listening;

  private SeverableLink(int port, int targetPort) {
    this.port = port;
    this.targetPort = targetPort;
  }

  /** A link to {@code targetPort} on the test services' host, accepting connections. */
  public static SeverableLink to(int targetPort) {
    SeverableLink link = new SeverableLink(FreePorts.next(), targetPort);
    link.restore();
    return link;
  }

  public int port() {
    return port;
  }

  /** Closes every connection through the link and refuses new ones. */
  public synchronized void sever() {
    closeQuietly(listening);
    listening = null;
    sockets.forEach(SeverableLink::closeQuietly);
    sockets.clear();
  }

  /** Accepts connections again, on the same port. */
  public synchronized void restore() {
    try {
      ServerSocket server = new ServerSocket();
      server.setReuseAddress(true);
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      listening = server;
      Thread.ofVirtual().name("link-accept-" + port).start(() -> accept(server));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + port, e);
    }
  }

  @Override
  public void close() {
    sever();
  }

  private void accept(ServerSocket server) {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket service = new Socket(TestServices.host(), targetPort);
        sockets.add(client);
        sockets.add(service);
        if (listening != server) {
          // Severed while this connection was being made.
          closeQuietly(client);
          closeQuietly(service);
          continue;
        }
        pipe(client, service);
        pipe(service, client);
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void pipe(Socket from, Socket to) {
    Thread.ofVirtual()
        .start(
            () -> {
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
              } catch (IOException ended) {
                // Either end closed: the other one follows.
              } finally {
                closeQuietly(from);
                closeQuietly(to);
                sockets.remove(from);
                sockets.remove(to);
              }
            });
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception ignored) {
      // Already closed.
    }
  }
}
