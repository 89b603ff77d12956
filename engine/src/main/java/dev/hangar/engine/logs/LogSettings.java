package dev.hangar.engine.logs;

import static dev.hangar.engine.startup.SettingCheck.require;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Where build logs go and how large they may grow, read by both processes: the api-service stores
 * and serves them, the dispatcher archives what a crash left in Redis. How long they stay is
 * HANGAR_RETENTION's ({@code HangarProperties}), which covers artifacts too.
 *
 * @param dataDir the directory finished logs are archived to with {@code HANGAR_STORAGE=directory},
 *     shared by every process on one host (relative paths resolve against the working directory,
 *     which {@code ./hangar up} sets to the checkout, so its logs land in {@code .hangar/data})
 * @param logMaxBytes the most a build's log may hold; past it the log ends with a marker and
 *     further chunks are refused
 */
@ConfigurationProperties("hangar")
public record LogSettings(
    @DefaultValue(".hangar/data") Path dataDir, @DefaultValue("16MB") DataSize logMaxBytes) {

  /** Redis strings hold at most 512 MB; a log far below that keeps every append short. */
  static final DataSize LARGEST = DataSize.ofMegabytes(256);

  public LogSettings {
    require(
        logMaxBytes.toBytes() >= 1024 && logMaxBytes.compareTo(LARGEST) <= 0,
        "HANGAR_LOG_MAX_BYTES",
        logMaxBytes.toBytes(),
        "between 1024 and " + LARGEST.toBytes() + " bytes");
  }
}
