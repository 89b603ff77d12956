package dev.hangar.runner.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DirectoriesTest {

  private static final Path HOME = Path.of("/home/ci");

  @Test
  void linuxDefaultsFollowXdg() {
    Directories dirs = Directories.of(Map.of(), "Linux", HOME);

    assertThat(dirs.configFile()).isEqualTo(Path.of("/home/ci/.config/hangar/runner.json"));
    assertThat(dirs.workFor("runner_abc"))
        .isEqualTo(Path.of("/home/ci/.local/share/hangar/work/runner_abc"));
    assertThat(dirs.cache()).isEqualTo(Path.of("/home/ci/.cache/hangar"));
  }

  @Test
  void xdgVariablesWinWhenAbsolute() {
    Directories dirs =
        Directories.of(
            Map.of(
                "XDG_CONFIG_HOME",
                "/etc/xdg-conf",
                "XDG_DATA_HOME",
                "/srv/data",
                "XDG_CACHE_HOME",
                "/var/cache/ci"),
            "Mac OS X",
            HOME);

    assertThat(dirs.configFile()).isEqualTo(Path.of("/etc/xdg-conf/hangar/runner.json"));
    assertThat(dirs.workFor("runner_abc")).isEqualTo(Path.of("/srv/data/hangar/work/runner_abc"));
    assertThat(dirs.cache()).isEqualTo(Path.of("/var/cache/ci/hangar"));
  }

  @Test
  void relativeOrEmptyXdgVariablesAreIgnoredAsTheSpecSays() {
    Directories dirs =
        Directories.of(
            Map.of("XDG_CONFIG_HOME", "relative/conf", "XDG_CACHE_HOME", ""), "Linux", HOME);

    assertThat(dirs.configFile()).isEqualTo(Path.of("/home/ci/.config/hangar/runner.json"));
    assertThat(dirs.cache()).isEqualTo(Path.of("/home/ci/.cache/hangar"));
  }

  @Test
  void aMacUsesItsLibraryFolders() {
    Directories dirs = Directories.of(Map.of(), "Mac OS X", Path.of("/Users/ci"));

    assertThat(dirs.configFile())
        .isEqualTo(Path.of("/Users/ci/Library/Application Support/hangar/runner.json"));
    assertThat(dirs.workFor("runner_abc"))
        .isEqualTo(Path.of("/Users/ci/Library/Application Support/hangar/work/runner_abc"));
    assertThat(dirs.cache()).isEqualTo(Path.of("/Users/ci/Library/Caches/hangar"));
  }
}
