package dev.hangar.runner.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hangar.runner.support.Pids;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandOutputTest {

  @TempDir Path dir;

  @Test
  void whatACommandPrints() throws Exception {
    assertThat(
            CommandOutput.of(List.of("sh", "-c", "echo out; echo err >&2"), Duration.ofSeconds(30)))
        .hasValueSatisfying(o -> assertThat(o).contains("out", "err"));
  }

  @Test
  void aMissingCommandIsNone() throws Exception {
    assertThat(
            CommandOutput.of(
                List.of("hangar-no-such-tool-anywhere", "--version"), Duration.ofSeconds(30)))
        .isEmpty();
  }

  @Test
  void aFailingCommandIsNone() throws Exception {
    assertThat(
            CommandOutput.of(
                List.of("sh", "-c", "echo Flutter 3.27.1; exit 1"), Duration.ofSeconds(30)))
        .isEmpty();
  }

  @Test
  void aHungCommandIsNoneAndIsKilledWithWhatItStarted() throws Exception {
    Path pid = dir.resolve("child.pid");

    assertThat(
            CommandOutput.of(
                List.of("sh", "-c", "sleep 1000 & echo $! > " + pid + "; wait"),
                Duration.ofSeconds(2)))
        .isEmpty();

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> Files.exists(pid) && !Files.readString(pid).isBlank());
    long child = Pids.read(pid);
    await("hung tool's child killed")
        .atMost(Duration.ofSeconds(10))
        .until(() -> !Pids.running(child));
  }
}
