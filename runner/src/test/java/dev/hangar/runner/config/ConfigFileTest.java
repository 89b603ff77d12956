package dev.hangar.runner.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {

  private static final RunnerConfig CONFIG =
      new RunnerConfig("https://hangar.example.com", "runner_abc", "hgr_rt_secret-token", "mini-1");

  @TempDir Path dir;

  @Test
  void aNewConfigIsOnlyItsOwnersInADirectoryOnlyItsOwnerEnters() throws Exception {
    Path file = dir.resolve("new/hangar/runner.json");

    ConfigFile.create(file, CONFIG);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
        .isEqualTo("rwx------");
    assertThat(Files.readString(file))
        .contains("\"url\"", "\"runner_id\"", "\"token\"", "\"name\"");
    assertThat(ConfigFile.read(file)).isEqualTo(CONFIG);
  }

  @Test
  void anExistingConfigIsNeverOverwritten() throws Exception {
    Path file = dir.resolve("runner.json");
    ConfigFile.create(file, CONFIG);

    assertThatThrownBy(() -> ConfigFile.requireAbsent(file))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("already exists");
    assertThatThrownBy(
            () ->
                ConfigFile.create(
                    file,
                    new RunnerConfig("https://other", "runner_other", "hgr_rt_other", "other")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("already exists");
    assertThat(ConfigFile.read(file)).isEqualTo(CONFIG);
  }

  @Test
  void aConfigOthersMayReadIsRefusedWithTheFix() throws Exception {
    Path file = dir.resolve("runner.json");
    ConfigFile.create(file, CONFIG);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    assertThatThrownBy(() -> ConfigFile.read(file))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("chmod 600 " + file);
  }

  @Test
  void aMissingBrokenOrIncompleteConfigSaysWhatToDo() throws Exception {
    assertThatThrownBy(() -> ConfigFile.read(dir.resolve("absent.json")))
        .hasMessageContaining("run hangar-runner register first");

    Path broken =
        Files.createFile(
            dir.resolve("broken.json"),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(broken, "{not json");
    assertThatThrownBy(() -> ConfigFile.read(broken)).hasMessageContaining("not a runner config");

    Path incomplete =
        Files.createFile(
            dir.resolve("incomplete.json"),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(
        incomplete, "{\"url\":\"https://hangar.example.com\",\"runner_id\":\"runner_abc\"}");
    assertThatThrownBy(() -> ConfigFile.read(incomplete))
        .hasMessageContaining("lacks url, runner_id or token");
  }

  @Test
  void theTokenNeverShowsInAConfigsText() {
    assertThat(CONFIG.toString()).contains("runner_abc").doesNotContain("hgr_rt_secret-token");
  }
}
