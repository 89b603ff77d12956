package dev.hangar.runner.config;

import dev.hangar.runner.api.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import tools.jackson.core.JacksonException;

/**
 * The runner's config file. It is created with mode 0600 in one step (never readable by others, not
 * even between creating and restricting it) and never overwritten: registering again would orphan
 * the runner the file names. A file others can read is refused, as ssh refuses such a key.
 */
public final class ConfigFile {

  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> OTHERS =
      EnumSet.complementOf(
          EnumSet.of(
              PosixFilePermission.OWNER_READ,
              PosixFilePermission.OWNER_WRITE,
              PosixFilePermission.OWNER_EXECUTE));

  private ConfigFile() {}

  /** Refuses early, before anything is registered, when the file exists already. */
  public static void requireAbsent(Path path) throws ConfigException {
    if (Files.exists(path)) {
      throw new ConfigException(
          path + " already exists; remove it first or choose another file with --config");
    }
  }

  public static void create(Path path, RunnerConfig config) throws ConfigException {
    try {
      Path parent = path.toAbsolutePath().getParent();
      if (!Files.isDirectory(parent)) {
        Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
      }
      byte[] json = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(config);
      try (FileChannel file =
          FileChannel.open(
              path,
              EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
              PosixFilePermissions.asFileAttribute(OWNER_ONLY))) {
        file.write(ByteBuffer.wrap(json));
        file.force(true);
      }
    } catch (FileAlreadyExistsException e) {
      throw new ConfigException(
          path + " already exists; remove it first or choose another file with --config");
    } catch (IOException | UnsupportedOperationException e) {
      throw new ConfigException("cannot write " + path + ": " + e.getMessage());
    }
  }

  public static RunnerConfig read(Path path) throws ConfigException {
    try {
      Set<PosixFilePermission> mode = Files.getPosixFilePermissions(path);
      if (mode.stream().anyMatch(OTHERS::contains)) {
        throw new ConfigException(
            path
                + " holds the runner's token but others may read it (mode "
                + PosixFilePermissions.toString(mode)
                + "); run: chmod 600 "
                + path);
      }
      RunnerConfig config = Json.MAPPER.readValue(Files.readAllBytes(path), RunnerConfig.class);
      if (blank(config.url()) || blank(config.runnerId()) || blank(config.token())) {
        throw new ConfigException(
            path + " lacks url, runner_id or token; register the runner again");
      }
      return config;
    } catch (NoSuchFileException e) {
      throw new ConfigException(
          "no runner config at " + path + "; run hangar-runner register first (or pass --config)");
    } catch (JacksonException e) {
      throw new ConfigException(
          path + " is not a runner config (invalid JSON); register the runner again");
    } catch (IOException | UnsupportedOperationException e) {
      throw new ConfigException("cannot read " + path + ": " + e.getMessage());
    }
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
