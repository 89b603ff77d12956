package dev.hangar.runner.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where the runner keeps things for its user: the config file, workspaces (data) and caches shared
 * by jobs. XDG's variables when set (and absolute, as the XDG spec requires), else macOS's Library
 * folders on a Mac, else XDG's defaults under the home directory.
 */
public record Directories(Path config, Path data, Path cache) {

  public static Directories forThisUser() {
    return of(
        System.getenv(), System.getProperty("os.name"), Path.of(System.getProperty("user.home")));
  }

  public static Directories of(Map<String, String> env, String osName, Path home) {
    boolean mac = osName.toLowerCase(Locale.ROOT).startsWith("mac");
    Path library = home.resolve("Library");
    return new Directories(
        xdg(env, "XDG_CONFIG_HOME")
            .orElse(mac ? library.resolve("Application Support") : home.resolve(".config"))
            .resolve("hangar"),
        xdg(env, "XDG_DATA_HOME")
            .orElse(mac ? library.resolve("Application Support") : home.resolve(".local/share"))
            .resolve("hangar"),
        xdg(env, "XDG_CACHE_HOME")
            .orElse(mac ? library.resolve("Caches") : home.resolve(".cache"))
            .resolve("hangar"));
  }

  public Path configFile() {
    return config.resolve("runner.json");
  }

  /** Each runner its own work directory, so two runners of one user never clear each other's. */
  public Path workFor(String runnerId) {
    return data.resolve("work").resolve(runnerId);
  }

  private static Optional<Path> xdg(Map<String, String> env, String variable) {
    return Optional.ofNullable(env.get(variable))
        .filter(v -> !v.isBlank())
        .map(Path::of)
        .filter(Path::isAbsolute);
  }
}
