package dev.hangar.runner.output;

import dev.hangar.runner.api.ApiProblem;
import dev.hangar.runner.api.Backoff;
import dev.hangar.runner.api.RunnerApi.LogAppend;
import dev.hangar.runner.api.ServerUnreachable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a job's output to the server's live log as it comes (docs/logs.md): a chunk as soon as
 * {@link #CHUNK} bytes wait, or once the oldest has waited {@link #LINGER}; each at the offset
 * where the server's copy ends, in order, again after a failure, and from wherever the server says
 * its copy ends when that is not where this runner thought. A step never waits for it: lines go to
 * a buffer of at most {@link #BUFFER_LIMIT} bytes, and while the server cannot keep up (or cannot
 * be reached) lines that do not fit are dropped, counted, and stand in the log as one marker line.
 * A refusal other than a full log goes to the job (a lost lease stops it) and ends the shipping.
 */
public final class LogShipper implements OutputSink {

  private static final Logger log = LoggerFactory.getLogger(LogShipper.class);

  /** Waiting this much output is worth a chunk at once. */
  static final int CHUNK = 64 * 1024;

  /** The largest chunk: well under the server's 1 MiB limit on a body. */
  static final int MOST = 512 * 1024;

  /** Output is sent at the latest this long after it was printed. */
  static final Duration LINGER = Duration.ofSeconds(1);

  /** Output waiting for the server beyond this is dropped. */
  static final int BUFFER_LIMIT = 8 * 1024 * 1024;

  private static final Backoff BACKOFF = Backoff.NETWORK.cappedAt(Duration.ofSeconds(10));
  private static final byte[] NOTHING = new byte[0];

  /** Where the chunks go: the server's log of this job's attempt. */
  @FunctionalInterface
  public interface Destination {
    LogAppend append(long offset, byte[] chunk) throws InterruptedException;
  }

  private final String buildId;
  private final Destination destination;
  private final Consumer<ApiProblem> onRefusal;
  private final RandomGenerator random = RandomGenerator.getDefault();
  private final Thread sender;

  // Guarded by this.
  private byte[] buffer = new byte[CHUNK];
  private int start;
  private int end;
  private long base;
  private long oldestNanos;
  private long droppedBytes;
  private long droppedLines;
  private boolean finishing;
  private boolean stopped;

  public LogShipper(String buildId, Destination destination, Consumer<ApiProblem> onRefusal) {
    this.buildId = buildId;
    this.destination = destination;
    this.onRefusal = onRefusal;
    // A platform thread: it waits on this object's monitor, which would pin a virtual one on Java
    // 21.
    this.sender = Thread.ofPlatform().daemon().name("log " + buildId).unstarted(this::ship);
  }

  public void start() {
    sender.start();
  }

  @Override
  public void line(String step, String text) {
    add((text + "\n").getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void stepStarted(String step) {
    add(("--- step " + step + " ---\n").getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Sends what waits, giving up after {@code patience}: the job's final report follows, after which
   * the server takes no more of its output.
   */
  public void finish(Duration patience) throws InterruptedException {
    synchronized (this) {
      finishing = true;
      notifyAll();
    }
    sender.join(patience);
    if (sender.isAlive()) {
      long unsent;
      synchronized (this) {
        unsent = end - start;
      }
      log.warn(
          "{}: {} bytes of output could not be sent to the server's log in time", buildId, unsent);
      stop();
    }
  }

  /** Sends nothing more (the job was lost, or has ended). */
  public void stop() {
    synchronized (this) {
      stopped = true;
      notifyAll();
    }
    sender.interrupt();
  }

  private synchronized void add(byte[] line) {
    if (stopped) {
      return;
    }
    if (droppedLines > 0) {
      byte[] marker =
          ("[hangar-runner: "
                  + droppedLines
                  + " lines ("
                  + droppedBytes
                  + " bytes) of output were dropped here: the server did not take them in time]\n")
              .getBytes(StandardCharsets.UTF_8);
      if (!fits(marker.length + line.length)) {
        dropped(line);
        return;
      }
      append(marker);
      droppedBytes = 0;
      droppedLines = 0;
    }
    if (!fits(line.length)) {
      dropped(line);
      return;
    }
    append(line);
  }

  private boolean fits(int length) {
    return end - start + length <= BUFFER_LIMIT;
  }

  private void dropped(byte[] line) {
    if (droppedLines == 0) {
      log.warn("{}: the server's log falls behind; dropping output until it catches up", buildId);
    }
    droppedLines++;
    droppedBytes += line.length;
  }

  private void append(byte[] bytes) {
    if (end + bytes.length > buffer.length) {
      int waiting = end - start;
      byte[] larger =
          waiting + bytes.length > buffer.length / 2
              ? new byte[Math.max(buffer.length * 2, waiting + bytes.length)]
              : buffer;
      System.arraycopy(buffer, start, larger, 0, waiting);
      buffer = larger;
      start = 0;
      end = waiting;
    }
    System.arraycopy(bytes, 0, buffer, end, bytes.length);
    if (end == start) {
      oldestNanos = System.nanoTime();
    }
    end += bytes.length;
    notifyAll();
  }

  private void ship() {
    try {
      // Where the server's copy of this attempt's output ends: nothing, unless a runner process
      // before this one ran the attempt.
      switch (deliver(0, NOTHING)) {
        case LogAppend.Accepted accepted -> startAt(accepted.nextOffset());
        case LogAppend.Elsewhere elsewhere -> startAt(elsewhere.expectedOffset());
        case null -> {
          return;
        }
      }
      for (Chunk chunk = next(); chunk != null; chunk = next()) {
        switch (deliver(chunk.offset(), chunk.bytes())) {
          case LogAppend.Accepted accepted -> confirmed(accepted.nextOffset());
          case LogAppend.Elsewhere elsewhere -> {
            log.info(
                "{}: the server's log continues at byte {}, not {}; going on from there",
                buildId,
                elsewhere.expectedOffset(),
                chunk.offset());
            confirmed(elsewhere.expectedOffset());
          }
          case null -> {
            return;
          }
        }
      }
    } catch (InterruptedException stoppedMeanwhile) {
      // stop(): nothing more is sent
    }
  }

  /** Sends one chunk until the server answers it; null when it refused it and shipping ends. */
  private LogAppend deliver(long offset, byte[] bytes) throws InterruptedException {
    for (int failures = 1; ; failures++) {
      try {
        return destination.append(offset, bytes);
      } catch (ServerUnreachable | ApiProblem e) {
        if (e instanceof ApiProblem problem && !problem.isTransient()) {
          refused(problem);
          return null;
        }
        Duration pause = BACKOFF.delay(failures, random);
        log.warn(
            "{}: sending output to the server failed ({}); trying again in {} ms",
            buildId,
            e.getMessage(),
            pause.toMillis());
        Thread.sleep(pause);
      }
    }
  }

  private void refused(ApiProblem problem) {
    if (problem.is(413, "log_limit_reached")) {
      log.info(
          "{}: the build's log is full on the server; its output goes to this log only", buildId);
    } else {
      onRefusal.accept(problem);
    }
    stop();
  }

  /** The next chunk to send, waiting until one is due; null once there is nothing more. */
  private synchronized Chunk next() throws InterruptedException {
    while (true) {
      int waiting = end - start;
      if (stopped || (waiting == 0 && finishing)) {
        return null;
      }
      long waited = System.nanoTime() - oldestNanos;
      if (waiting >= CHUNK || (waiting > 0 && (finishing || waited >= LINGER.toNanos()))) {
        return new Chunk(base, Arrays.copyOfRange(buffer, start, start + Math.min(waiting, MOST)));
      }
      wait(waiting == 0 ? 0 : Math.max(1, (LINGER.toNanos() - waited) / 1_000_000));
    }
  }

  private synchronized void startAt(long offset) {
    base = offset;
  }

  /** The server's copy now ends at {@code offset}: what it holds is sent. */
  private synchronized void confirmed(long offset) {
    start += (int) Math.max(0, Math.min(offset - base, end - start));
    base = offset;
    oldestNanos = System.nanoTime();
  }

  private record Chunk(long offset, byte[] bytes) {}
}
