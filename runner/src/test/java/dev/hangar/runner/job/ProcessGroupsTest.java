package dev.hangar.runner.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hangar.runner.support.Pids;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Both launchers, Linux's setsid and the perl one macOS uses, run here (Linux has perl too). */
class ProcessGroupsTest {

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"Linux", "Mac OS X"})
  void theCommandLeadsAGroupOfItsOwnAndOneSignalEndsEveryProcessInIt(String osName)
      throws Exception {
    Path group = dir.resolve("group");
    Path child = dir.resolve("child.pid");
    String script =
        "cut -d' ' -f5 /proc/$$/stat > " + group + "; sleep 1000 & echo $! > " + child + "; wait";
    Process process =
        new ProcessBuilder(ProcessGroups.inOwnGroup(List.of("/bin/sh", "-c", script), osName))
            .start();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> Files.exists(child) && !Files.readString(child).isBlank());

    assertThat(Long.parseLong(Files.readString(group).strip()))
        .as("process group id")
        .isEqualTo(process.pid());
    ProcessGroups.signal(process.pid(), "KILL");

    long sleeper = Pids.read(child);
    assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    await("child killed with its group")
        .atMost(Duration.ofSeconds(10))
        .until(() -> !Pids.running(sleeper));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Linux", "Mac OS X"})
  void argumentsReachTheCommandUntouched(String osName) throws Exception {
    Process process =
        new ProcessBuilder(
                ProcessGroups.inOwnGroup(List.of("printf", "%s|", "a b", "$HOME", "'q'"), osName))
            .start();

    assertThat(new String(process.getInputStream().readAllBytes())).isEqualTo("a b|$HOME|'q'|");
  }
}
