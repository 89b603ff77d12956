package dev.hangar.runner.cli;

import dev.hangar.runner.config.Directories;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --config PATH}, shared by every command; the user's config directory by default. */
final class ConfigOption {

  @Option(
      names = "--config",
      paramLabel = "PATH",
      description =
          "The runner's config file (URL, runner id and token; mode 0600). Default: $XDG_CONFIG_HOME/hangar/runner.json, else"
              + " ~/.config/hangar/runner.json (on macOS ~/Library/Application Support/hangar/runner.json).")
  Path path;

  Path resolve(Directories directories) {
    return path != null ? path : directories.configFile();
  }
}
