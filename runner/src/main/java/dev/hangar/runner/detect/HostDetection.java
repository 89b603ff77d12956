package dev.hangar.runner.detect;

import dev.hangar.model.Platform;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What this machine can build, for {@code register} when the flags do not say: the host's own
 * desktop platform, {@code ios} with Xcode, {@code android} with an Android SDK, and the Flutter
 * and Xcode versions. Every probe tolerates a missing or hung tool.
 */
public final class HostDetection {

  /**
   * A first {@code flutter --version} on a fresh install unpacks its Dart SDK, which takes a while.
   */
  public static final Duration PROBE_TIMEOUT = Duration.ofSeconds(60);

  /** Runs a probe command; empty when the command is missing, fails or hangs. */
  @FunctionalInterface
  public interface Probe {
    Optional<String> run(List<String> command) throws InterruptedException;
  }

  private final Probe probe;
  private final Map<String, String> env;
  private final String osName;

  public HostDetection(Probe probe, Map<String, String> env, String osName) {
    this.probe = probe;
    this.env = env;
    this.osName = osName;
  }

  public static HostDetection ofThisMachine() {
    return new HostDetection(
        command -> CommandOutput.of(command, PROBE_TIMEOUT),
        System.getenv(),
        System.getProperty("os.name"));
  }

  /**
   * What the probes found: platforms, and tools by the names pipelines ask for ({@code flutter},
   * {@code xcode}).
   */
  public record Found(Set<Platform> platforms, Map<String, String> tools) {}

  public Found detect() throws InterruptedException {
    Set<Platform> platforms = EnumSet.noneOf(Platform.class);
    Map<String, String> tools = new TreeMap<>();
    host().ifPresent(platforms::add);
    probe
        .run(List.of("flutter", "--version"))
        .flatMap(ToolVersions::flutter)
        .ifPresent(version -> tools.put("flutter", version));
    if (host().filter(p -> p == Platform.MACOS).isPresent()) {
      Optional<String> xcode =
          probe.run(List.of("xcodebuild", "-version")).flatMap(ToolVersions::xcode);
      if (xcode.isPresent()) {
        tools.put("xcode", xcode.get());
        platforms.add(Platform.IOS);
      }
    }
    if (androidSdk()) {
      platforms.add(Platform.ANDROID);
    }
    return new Found(platforms, tools);
  }

  /** The desktop platform of the host itself: {@code linux} or {@code macos}. */
  public Optional<Platform> host() {
    String os = osName.toLowerCase(Locale.ROOT);
    if (os.startsWith("mac")) {
      return Optional.of(Platform.MACOS);
    }
    return os.startsWith("linux") ? Optional.of(Platform.LINUX) : Optional.empty();
  }

  private boolean androidSdk() {
    for (String variable : List.of("ANDROID_HOME", "ANDROID_SDK_ROOT")) {
      String dir = env.get(variable);
      if (dir != null && !dir.isBlank() && Files.isDirectory(Path.of(dir))) {
        return true;
      }
    }
    return onPath("sdkmanager");
  }

  private boolean onPath(String command) {
    String path = env.getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }
}
