package dev.hangar.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Hangar's processes as tests start them, in a test namespace, from the jars the build packaged.
 */
public final class HangarProcesses {

  private HangarProcesses() {}

  /**
   * An api-service from api-service/target/api-service.jar, still booting, with the admin password
   * and secrets key of {@link TestSecrets}, so any test client can log in as its admin.
   */
  public static HangarProcess launchApi(TestNamespace namespace, Map<String, Object> settings) {
    return launchApi(namespace, settings, List.of());
  }

  /** The same with options for its JVM, e.g. {@code -Xmx256m} to show it streams what it moves. */
  public static HangarProcess launchApi(
      TestNamespace namespace, Map<String, Object> settings, List<String> jvmOptions) {
    return HangarProcess.launch(
        "api-service-" + namespace.name(),
        jar("api-service"),
        apiSettings(namespace, settings),
        jvmOptions);
  }

  /**
   * Where the processes of tests archive finished builds' logs unless a test says otherwise: under
   * the module's {@code target}, not the source tree, each namespace in a directory of its own.
   */
  public static final Path DATA_DIR = Path.of("target", "hangar-data").toAbsolutePath();

  /**
   * The namespace's settings, the test secrets and data directory, the fewest password-hash rounds
   * allowed, then the test's own. A login at the default work factor costs a busy test JVM half a
   * CPU-second, and the suite logs in hundreds of times; the default is checked by a unit test and
   * used by the tests of {@code ./hangar up}.
   */
  public static Map<String, Object> apiSettings(
      TestNamespace namespace, Map<String, Object> settings) {
    Map<String, Object> properties = new HashMap<>(namespace.properties());
    properties.put("hangar.data-dir", DATA_DIR);
    properties.put("hangar.admin-password", TestSecrets.ADMIN_PASSWORD);
    properties.put("hangar.secrets-key", TestSecrets.SECRETS_KEY);
    properties.put("hangar.password-hash-iterations", 1000);
    properties.putAll(settings);
    return properties;
  }

  /**
   * A dispatcher (reaper, outbox relay, dead-letter redrive, gauges) from
   * dispatcher/target/dispatcher.jar, still booting.
   */
  public static HangarProcess launchDispatcher(
      TestNamespace namespace, Map<String, Object> settings) {
    // Without a class-data archive: few tests start a dispatcher process, and the archive's
    // training run (a start of its own, then writing the archive) costs more than it saves them.
    return HangarProcess.launchUnarchived(
        "dispatcher-" + namespace.name(),
        jar("dispatcher"),
        dispatcherSettings(namespace, settings));
  }

  /**
   * The namespace's settings and the tests' data directory, timers short enough that tests of
   * reaping, relaying and archiving wait little, then the test's own.
   */
  public static Map<String, Object> dispatcherSettings(
      TestNamespace namespace, Map<String, Object> settings) {
    Map<String, Object> properties = new HashMap<>(namespace.properties());
    properties.put("hangar.data-dir", DATA_DIR);
    properties.put("hangar.reap-interval", "100ms");
    properties.put("hangar.outbox-interval", "200ms");
    properties.put("hangar.log-sweep-interval", "200ms");
    properties.putAll(settings);
    return properties;
  }

  /**
   * A module's packaged jar, {@code <module>/target/<module>.jar}, found from the directory the
   * tests run in (a module's, under Maven) upwards; fails at once, saying how to build it, when it
   * is missing.
   */
  public static Path jar(String module) {
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(module).resolve("pom.xml"))) {
        Path jar = dir.resolve(module).resolve("target").resolve(module + ".jar");
        if (!Files.isRegularFile(jar)) {
          throw new IllegalStateException(
              "missing "
                  + jar
                  + ": package it first (./mvnw -B -DskipTests package -pl "
                  + module
                  + " -am)");
        }
        return jar;
      }
    }
    throw new IllegalStateException("no module " + module + " in " + start + " or above it");
  }

  /**
   * Settings as command-line arguments: they then outrank application.yml, as environment variables
   * do in production (SpringApplicationBuilder.properties would rank below it).
   */
  public static String[] asArguments(Map<String, Object> properties) {
    return properties.entrySet().stream()
        .map(e -> "--" + e.getKey() + "=" + e.getValue())
        .toArray(String[]::new);
  }
}
