package dev.hangar.runner.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.model.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostDetectionTest {

  private static final String FLUTTER =
      "Flutter 3.27.1 • channel stable • https://github.com/flutter/flutter.git\n";
  private static final String XCODE = "Xcode 16.2\nBuild version 16C5032a\n";

  @TempDir Path dir;

  /**
   * Answers like the tools on a machine that has the ones in {@code installed}; records what was
   * asked.
   */
  private static final class FakeTools implements HostDetection.Probe {
    final Map<String, String> installed;
    final List<String> asked = new ArrayList<>();

    FakeTools(Map<String, String> installed) {
      this.installed = installed;
    }

    @Override
    public Optional<String> run(List<String> command) {
      asked.add(command.getFirst());
      return Optional.ofNullable(installed.get(command.getFirst()));
    }
  }

  @Test
  void aLinuxBoxWithFlutterBuildsLinux() throws Exception {
    HostDetection.Found found =
        new HostDetection(new FakeTools(Map.of("flutter", FLUTTER)), Map.of(), "Linux").detect();

    assertThat(found.platforms()).containsExactly(Platform.LINUX);
    assertThat(found.tools()).containsExactly(Map.entry("flutter", "3.27.1"));
  }

  @Test
  void aMacWithXcodeBuildsIosAndMacos() throws Exception {
    HostDetection.Found found =
        new HostDetection(
                new FakeTools(Map.of("flutter", FLUTTER, "xcodebuild", XCODE)),
                Map.of(),
                "Mac OS X")
            .detect();

    assertThat(found.platforms()).containsExactlyInAnyOrder(Platform.MACOS, Platform.IOS);
    assertThat(found.tools())
        .containsExactly(Map.entry("flutter", "3.27.1"), Map.entry("xcode", "16.2"));
  }

  @Test
  void xcodeIsOnlyLookedForOnAMac() throws Exception {
    FakeTools tools = new FakeTools(Map.of("xcodebuild", XCODE));

    HostDetection.Found found = new HostDetection(tools, Map.of(), "Linux").detect();

    assertThat(found.platforms()).containsExactly(Platform.LINUX);
    assertThat(tools.asked).doesNotContain("xcodebuild");
  }

  @Test
  void anAndroidSdkDirectoryAddsAndroid() throws Exception {
    Path sdk = Files.createDirectory(dir.resolve("sdk"));

    assertThat(
            new HostDetection(
                    new FakeTools(Map.of()), Map.of("ANDROID_HOME", sdk.toString()), "Linux")
                .detect()
                .platforms())
        .containsExactlyInAnyOrder(Platform.LINUX, Platform.ANDROID);
    assertThat(
            new HostDetection(
                    new FakeTools(Map.of()), Map.of("ANDROID_SDK_ROOT", sdk.toString()), "Linux")
                .detect()
                .platforms())
        .containsExactlyInAnyOrder(Platform.LINUX, Platform.ANDROID);
  }

  @Test
  void sdkmanagerOnThePathAddsAndroid() throws Exception {
    Path bin = Files.createDirectory(dir.resolve("bin"));
    Files.createFile(
        bin.resolve("sdkmanager"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));

    assertThat(
            new HostDetection(
                    new FakeTools(Map.of()), Map.of("PATH", "/nonexistent:" + bin), "Linux")
                .detect()
                .platforms())
        .containsExactlyInAnyOrder(Platform.LINUX, Platform.ANDROID);
  }

  @Test
  void anAndroidHomeThatIsNoDirectoryAddsNothing() throws IOException, InterruptedException {
    Path file = Files.createFile(dir.resolve("not-a-dir"));

    assertThat(
            new HostDetection(
                    new FakeTools(Map.of()),
                    Map.of("ANDROID_HOME", file.toString(), "PATH", ""),
                    "Linux")
                .detect()
                .platforms())
        .containsExactly(Platform.LINUX);
  }

  @Test
  void aMachineWithoutAnyToolStillHasItsOwnPlatform() throws Exception {
    HostDetection.Found found =
        new HostDetection(new FakeTools(Map.of()), Map.of(), "Mac OS X").detect();

    assertThat(found.platforms()).containsExactly(Platform.MACOS);
    assertThat(found.tools()).isEmpty();
  }
}
