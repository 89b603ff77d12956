package dev.hangar.api.logs;

import dev.hangar.engine.logs.LogMessage;
import dev.hangar.engine.logs.LogSlice;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * One client following a build's log over Server-Sent Events. What it is sent happens in order on a
 * virtual thread of its own, and only while there is something to send: the chunks its instance
 * hears of, what it missed before them (read from the log), pings, the end. Each {@code log}
 * event's id is the byte offset the text ends at, so a client that reconnects with {@code
 * Last-Event-ID} goes on exactly there; a multi-byte character is never cut between two events. A
 * client that falls too far behind is disconnected rather than buffered for: it reconnects and
 * reads what it missed from the log.
 */
final class LogFollower {

  /** What an instance holds for one client before giving up on it. */
  static final long BACKLOG_LIMIT = 4 * 1024 * 1024;

  /** Reads from the log (catching up, filling a gap) go this far at a time. */
  static final int SLICE = 64 * 1024;

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final String buildId;
  private final SseEmitter emitter;
  private final LogSource source;
  private final Runnable onClose;
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean draining = new AtomicBoolean();
  private final AtomicLong backlog = new AtomicLong();
  private final AtomicBoolean closed = new AtomicBoolean();

  // Touched by tasks only, which run one at a time.
  private long position;
  private byte[] carry = new byte[0];

  LogFollower(String buildId, long from, SseEmitter emitter, LogSource source, Runnable onClose) {
    this.buildId = buildId;
    this.position = from;
    this.emitter = emitter;
    this.source = source;
    this.onClose = onClose;
    emitter.onCompletion(this::close);
    emitter.onError(failure -> close());
    emitter.onTimeout(this::close);
  }

  /** Where the log is read from, and how a build that ended is told apart. */
  interface LogSource {
    LogSlice read(String buildId, long from, int max);

    /** The build's status once it has ended, else null. */
    String endedStatus(String buildId);
  }

  /** Sends what the log holds from the start offset, and the end if the build has ended. */
  void start() {
    run(
        () -> {
          send(SseEmitter.event().comment("following " + buildId + " from byte " + position));
          LogSlice last = readUpTo(Long.MAX_VALUE);
          String ended = source.endedStatus(buildId);
          if (last.complete() || (!last.found() && ended != null)) {
            finish(new LogMessage.End(ended == null ? "" : ended, last.length()));
          }
        });
  }

  void deliver(LogMessage message) {
    switch (message) {
      case LogMessage.Chunk chunk -> {
        if (backlog.addAndGet(chunk.bytes().length) > BACKLOG_LIMIT) {
          // Not on this thread, which delivers Redis's messages: closing unsubscribes.
          Thread.ofVirtual().name("log follower " + buildId).start(this::close);
          return;
        }
        run(
            () -> {
              backlog.addAndGet(-chunk.bytes().length);
              if (chunk.start() > position) {
                readUpTo(chunk.start());
              }
              if (chunk.end() > position && chunk.start() <= position) {
                int skip = (int) (position - chunk.start());
                emit(Arrays.copyOfRange(chunk.bytes(), skip, chunk.bytes().length));
              }
            });
      }
      case LogMessage.End end -> run(() -> finish(end));
    }
  }

  /** A comment, so proxies keep the connection and a client that left is noticed. */
  void ping() {
    run(() -> send(SseEmitter.event().comment("")));
  }

  private LogSlice readUpTo(long limit) {
    while (true) {
      LogSlice slice = source.read(buildId, position, (int) Math.min(SLICE, limit - position));
      emit(slice.bytes());
      if (slice.bytes().length == 0 || position >= limit) {
        return slice;
      }
    }
  }

  private void finish(LogMessage.End end) {
    readUpTo(end.length());
    if (carry.length > 0) {
      // The log ends inside a character: what there is goes out as it decodes.
      byte[] rest = carry;
      carry = new byte[0];
      sendText(position - rest.length, rest, rest.length);
    }
    send(
        SseEmitter.event()
            .id(Long.toString(position))
            .name("end")
            .data(JSON.writeValueAsString(new EndEvent(end.status(), position))));
    close();
  }

  private void emit(byte[] bytes) {
    if (bytes.length == 0 || closed.get()) {
      return;
    }
    byte[] text = carry.length == 0 ? bytes : concat(carry, bytes);
    long at = position - carry.length;
    position += bytes.length;
    int whole = wholeCharacters(text);
    carry = Arrays.copyOfRange(text, whole, text.length);
    if (whole > 0) {
      sendText(at, text, whole);
    }
  }

  /** The first {@code length} bytes as a {@code log} event; bytes that are no UTF-8 show as �. */
  private void sendText(long at, byte[] bytes, int length) {
    String text = new String(bytes, 0, length, StandardCharsets.UTF_8);
    send(
        SseEmitter.event()
            .id(Long.toString(at + length))
            .name("log")
            .data(JSON.writeValueAsString(new LogEvent(at, text))));
  }

  private void send(SseEmitter.SseEventBuilder event) {
    if (closed.get()) {
      return;
    }
    try {
      emitter.send(event);
    } catch (IOException | IllegalStateException gone) {
      close();
    }
  }

  /** Runs a task after those before it, on a virtual thread while there are any. */
  private void run(Runnable task) {
    if (closed.get()) {
      return;
    }
    tasks.add(task);
    if (draining.compareAndSet(false, true)) {
      Thread.ofVirtual().name("log follower " + buildId).start(this::drain);
    }
  }

  private void drain() {
    do {
      for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
        if (closed.get()) {
          continue;
        }
        try {
          task.run();
        } catch (RuntimeException e) {
          // Redis or the disk failed a read: the client reconnects and goes on from its last id.
          close();
        }
      }
      draining.set(false);
    } while (!tasks.isEmpty() && draining.compareAndSet(false, true));
  }

  boolean closed() {
    return closed.get();
  }

  void close() {
    if (closed.compareAndSet(false, true)) {
      tasks.clear();
      try {
        emitter.complete();
      } catch (IllegalStateException alreadyDone) {
        // the response is over already
      }
      onClose.run();
    }
  }

  /**
   * The length of the longest start of {@code bytes} that ends on a character boundary: at most the
   * last three bytes, the start of a character still to come, are held back.
   */
  static int wholeCharacters(byte[] bytes) {
    int end = bytes.length;
    for (int back = 1; back <= Math.min(3, end); back++) {
      int b = bytes[end - back] & 0xff;
      if ((b & 0xc0) != 0x80) {
        int needed = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
        return needed > back ? end - back : end;
      }
    }
    return end;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] joined = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, joined, a.length, b.length);
    return joined;
  }

  /** A {@code log} event's data: where its text starts in the log, and the text. */
  record LogEvent(long offset, String text) {}

  /** The {@code end} event's data: the build's status and the log's final length. */
  record EndEvent(String status, long offset) {}
}
