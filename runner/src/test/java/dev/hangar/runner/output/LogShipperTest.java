package dev.hangar.runner.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hangar.runner.api.ApiProblem;
import dev.hangar.runner.api.RunnerApi.LogAppend;
import dev.hangar.runner.api.ServerUnreachable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LogShipperTest {

  /** The server's copy of the log, with its rules: duplicates are fine, a gap is a 416. */
  private static final class ServerLog implements LogShipper.Destination {
    final ByteArrayOutputStream stored = new ByteArrayOutputStream();
    final AtomicBoolean reachable = new AtomicBoolean(true);
    final AtomicInteger answersToLose = new AtomicInteger();
    final List<Long> offsets = new CopyOnWriteArrayList<>();
    volatile ApiProblem refusal;

    @Override
    public synchronized LogAppend append(long offset, byte[] chunk) {
      offsets.add(offset);
      if (!reachable.get()) {
        throw new ServerUnreachable("POST logs", new IOException("connection refused"));
      }
      if (refusal != null) {
        throw refusal;
      }
      if (offset > stored.size()) {
        return new LogAppend.Elsewhere(stored.size());
      }
      int fresh = (int) Math.max(0, offset + chunk.length - stored.size());
      stored.write(chunk, chunk.length - fresh, fresh);
      if (answersToLose.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw new ServerUnreachable("POST logs", new IOException("connection reset"));
      }
      return new LogAppend.Accepted(stored.size());
    }

    synchronized String text() {
      return stored.toString(StandardCharsets.UTF_8);
    }

    synchronized void forget() {
      stored.reset();
    }
  }

  private final ServerLog server = new ServerLog();
  private final List<ApiProblem> refusals = new CopyOnWriteArrayList<>();
  private final LogShipper shipper = new LogShipper("build_test", server, refusals::add);

  @Test
  void linesReachTheServerInOrderUnderTheirStepsHeaders() throws Exception {
    shipper.start();
    shipper.stepStarted("greet");
    shipper.line("greet", "hello");
    shipper.line("greet", "world");
    shipper.finish(Duration.ofSeconds(10));

    assertThat(server.text()).isEqualTo("--- step greet ---\nhello\nworld\n");
  }

  @Test
  void outputIsSentWithinASecondWithoutWaitingForTheJobToEnd() {
    shipper.start();
    shipper.line("s", "early");

    await().atMost(Duration.ofSeconds(5)).until(() -> server.text().equals("early\n"));
    shipper.stop();
  }

  @Test
  void aChunkWhoseAnswerWasLostIsSentAgainAndStoredOnce() throws Exception {
    server.answersToLose.set(1);
    shipper.start();
    shipper.line("s", "once");
    shipper.line("s", "twice");
    shipper.finish(Duration.ofSeconds(10));

    assertThat(server.text()).isEqualTo("once\ntwice\n");
  }

  @Test
  void whenTheServersCopyEndsElsewhereItGoesOnFromThere() throws Exception {
    shipper.start();
    shipper.line("s", "lost");
    await().atMost(Duration.ofSeconds(5)).until(() -> server.text().equals("lost\n"));
    server.forget();

    shipper.line("s", "kept");
    shipper.finish(Duration.ofSeconds(10));

    assertThat(server.text()).isEqualTo("kept\n");
  }

  @Test
  void aRunnerThatRanTheAttemptBeforeIsContinuedNotRepeated() throws Exception {
    server.stored.writeBytes("from the runner before\n".getBytes(StandardCharsets.UTF_8));
    shipper.start();
    shipper.line("s", "and now");
    shipper.finish(Duration.ofSeconds(10));

    assertThat(server.text()).isEqualTo("from the runner before\nand now\n");
  }

  @Test
  void whileTheServerIsAwayTheStepsWriteOnAndWhatDoesNotFitIsDroppedWithAMarker() throws Exception {
    server.reachable.set(false);
    shipper.start();
    String kib = "x".repeat(1023);
    int lines = LogShipper.BUFFER_LIMIT / 1024 + 100;
    for (int i = 0; i < lines; i++) {
      shipper.line("s", kib);
    }
    server.reachable.set(true);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> server.stored.size() >= LogShipper.BUFFER_LIMIT);
    shipper.line("s", "after");
    shipper.finish(Duration.ofSeconds(30));

    assertThat(server.text())
        .endsWith(
            "[hangar-runner: 100 lines (102400 bytes) of output were dropped here: the server did not take them in time]\nafter\n");
    assertThat(server.stored.size()).isEqualTo(LogShipper.BUFFER_LIMIT + "after\n".length() + 108);
  }

  @Test
  void aRefusalEndsTheShippingAndGoesToTheJob() throws Exception {
    server.refusal = new ApiProblem(409, "lease_lost", "the lease expired");
    shipper.start();
    shipper.line("s", "too late");
    shipper.finish(Duration.ofSeconds(10));

    assertThat(refusals).extracting(ApiProblem::code).containsExactly("lease_lost");
    assertThat(server.text()).isEmpty();
  }
}
