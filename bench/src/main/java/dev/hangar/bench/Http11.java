package dev.hangar.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * A minimal blocking HTTP/1.1 client with keep-alive connections pooled per host. The simulated
 * runners share two cores with what they measure, and {@code java.net.http} spent ~0.18 ms of CPU
 * per request (its selector thread and futures), half of what the api-service spent answering it; a
 * real runner fleet pays that on its own machines. This speaks exactly what Hangar answers: a
 * status line, headers, a body sized by {@code Content-Length} or chunked.
 */
final class Http11 {

  /** What came back: the status and the body as text. */
  record Response(int status, String body) {}

  private static final Duration CONNECT = Duration.ofSeconds(5);
  private static final int MAX_HEADER_LINE = 8192;

  private final Map<String, ConcurrentLinkedDeque<Connection>> idle = new ConcurrentHashMap<>();

  /**
   * Sends one request and reads its answer on a pooled connection (a fresh one if none is idle).
   *
   * @throws IOException when the connection fails or no answer arrives within {@code timeout}; the
   *     connection is then closed, never reused
   */
  Response exchange(
      String method,
      URI uri,
      String authorization,
      String contentType,
      byte[] body,
      Duration timeout)
      throws IOException {
    String origin = uri.getHost() + ":" + uri.getPort();
    ConcurrentLinkedDeque<Connection> pool =
        idle.computeIfAbsent(origin, o -> new ConcurrentLinkedDeque<>());
    byte[] head = requestHead(method, uri, origin, authorization, contentType, body);
    Connection reused = pool.pollFirst();
    if (reused != null) {
      try {
        return exchangeOn(reused, pool, head, body, timeout);
      } catch (IOException e) {
        if (reused.answerBegan || e instanceof SocketTimeoutException) {
          throw e;
        }
        // The server closed this idle connection (its keep-alive timeout) before reading the
        // request, so the request was never handled: send it again on a new connection, as browsers
        // do.
      }
    }
    return exchangeOn(Connection.open(uri.getHost(), uri.getPort()), pool, head, body, timeout);
  }

  private static Response exchangeOn(
      Connection connection,
      ConcurrentLinkedDeque<Connection> pool,
      byte[] head,
      byte[] body,
      Duration timeout)
      throws IOException {
    try {
      Response response = connection.exchange(head, body, timeout);
      if (connection.reusable) {
        pool.offerFirst(connection);
      } else {
        connection.close();
      }
      return response;
    } catch (IOException e) {
      connection.close();
      throw e;
    } catch (RuntimeException unparseable) {
      connection.close();
      throw new IOException("malformed answer", unparseable);
    }
  }

  private static byte[] requestHead(
      String method,
      URI uri,
      String origin,
      String authorization,
      String contentType,
      byte[] body) {
    String target =
        uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery();
    StringBuilder head =
        new StringBuilder(256)
            .append(method)
            .append(' ')
            .append(target)
            .append(" HTTP/1.1\r\nHost: ")
            .append(origin)
            .append("\r\n");
    if (authorization != null) {
      head.append("Authorization: ").append(authorization).append("\r\n");
    }
    if (contentType != null) {
      head.append("Content-Type: ").append(contentType).append("\r\n");
    }
    if (body != null || !"GET".equals(method)) {
      head.append("Content-Length: ").append(body == null ? 0 : body.length).append("\r\n");
    }
    return head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static final class Connection {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private boolean reusable = true;
    private boolean answerBegan;

    private Connection(Socket socket) throws IOException {
      this.socket = socket;
      this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
      this.out = socket.getOutputStream();
    }

    static Connection open(String host, int port) throws IOException {
      Socket socket = new Socket();
      try {
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), (int) CONNECT.toMillis());
        return new Connection(socket);
      } catch (IOException e) {
        socket.close();
        throw e;
      }
    }

    Response exchange(byte[] head, byte[] body, Duration timeout) throws IOException {
      answerBegan = false;
      socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
      if (body == null || body.length == 0) {
        out.write(head);
      } else {
        byte[] both = new byte[head.length + body.length];
        System.arraycopy(head, 0, both, 0, head.length);
        System.arraycopy(body, 0, both, head.length, body.length);
        out.write(both);
      }
      out.flush();
      in.mark(1);
      if (in.read() >= 0) {
        answerBegan = true;
        in.reset();
      }
      String statusLine = line();
      if (statusLine == null) {
        throw new IOException("connection closed before an answer");
      }
      if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
        throw new IOException("not an HTTP/1.x status line: " + statusLine);
      }
      int status = Integer.parseInt(statusLine.substring(9, 12));
      long length = -1;
      boolean chunked = false;
      for (String header = line(); header != null && !header.isEmpty(); header = line()) {
        int colon = header.indexOf(':');
        if (colon < 0) {
          continue;
        }
        String name = header.substring(0, colon).trim();
        String value = header.substring(colon + 1).trim();
        if (name.equalsIgnoreCase("Content-Length")) {
          length = Long.parseLong(value);
        } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
          chunked = value.equalsIgnoreCase("chunked");
        } else if (name.equalsIgnoreCase("Connection")) {
          reusable = !value.equalsIgnoreCase("close");
        }
      }
      byte[] content;
      if (status == 204 || status == 304 || (status >= 100 && status < 200)) {
        content = new byte[0];
      } else if (chunked) {
        content = chunkedBody();
      } else if (length >= 0) {
        content = in.readNBytes((int) length);
        if (content.length < length) {
          throw new IOException("connection closed mid-body");
        }
      } else {
        content = in.readAllBytes();
        reusable = false;
      }
      return new Response(status, new String(content, StandardCharsets.UTF_8));
    }

    private byte[] chunkedBody() throws IOException {
      ByteArrayOutputStream content = new ByteArrayOutputStream();
      while (true) {
        String sizeLine = line();
        if (sizeLine == null) {
          throw new IOException("connection closed mid-body");
        }
        int semicolon = sizeLine.indexOf(';');
        int size =
            Integer.parseInt(
                (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
        if (size == 0) {
          for (String trailer = line(); trailer != null && !trailer.isEmpty(); trailer = line()) {
            // trailers carry nothing Hangar sends
          }
          return content.toByteArray();
        }
        byte[] chunk = in.readNBytes(size);
        if (chunk.length < size) {
          throw new IOException("connection closed mid-body");
        }
        content.write(chunk);
        line();
      }
    }

    /** One CRLF-terminated line in ASCII, without the CRLF; null at end of stream. */
    private String line() throws IOException {
      StringBuilder line = new StringBuilder(64);
      while (true) {
        int b = in.read();
        if (b < 0) {
          return line.isEmpty() ? null : line.toString();
        }
        if (b == '\n') {
          int end = line.length();
          if (end > 0 && line.charAt(end - 1) == '\r') {
            line.setLength(end - 1);
          }
          return line.toString();
        }
        if (line.length() == MAX_HEADER_LINE) {
          throw new IOException("header line longer than " + MAX_HEADER_LINE);
        }
        line.append((char) b);
      }
    }

    void close() {
      reusable = false;
      try {
        socket.close();
      } catch (IOException ignored) {
        // nothing to release beyond the socket
      }
    }
  }
}
