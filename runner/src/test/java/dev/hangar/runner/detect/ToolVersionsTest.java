package dev.hangar.runner.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ToolVersionsTest {

  @Test
  void flutterOnTheStableChannel() {
    String output =
        """
        Flutter 3.27.1 • channel stable • https://github.com/flutter/flutter.git
        Framework • revision 17025dd882 (3 weeks ago) • 2024-12-17 03:23:09 +0900
        Engine • revision cb4b5fff73
        Tools • Dart 3.6.0 • DevTools 2.40.2
        """;
    assertThat(ToolVersions.flutter(output)).contains("3.27.1");
  }

  @Test
  void flutterAfterItsFirstRunBanner() {
    String output =
        """
          ╔════════════════════════════════════════════════════════════════════════════╗
          ║                 Welcome to Flutter! - https://flutter.dev                  ║
          ╚════════════════════════════════════════════════════════════════════════════╝
        Downloading Dart SDK from Flutter engine 3.0.0...
        Flutter 3.24.5 • channel stable • https://github.com/flutter/flutter.git
        """;
    assertThat(ToolVersions.flutter(output)).contains("3.24.5");
  }

  @Test
  void aFlutterPreReleaseKeepsItsSuffix() {
    assertThat(
            ToolVersions.flutter(
                "Flutter 3.29.0-1.0.pre.242 • channel master • https://github.com/flutter/flutter.git"))
        .contains("3.29.0-1.0.pre.242");
  }

  @Test
  void outputWithoutAFlutterVersionIsNone() {
    assertThat(ToolVersions.flutter("flutter: command not found")).isEmpty();
    assertThat(ToolVersions.flutter("The Flutter 3 SDK is great")).isEmpty();
    assertThat(ToolVersions.flutter("")).isEmpty();
  }

  @Test
  void xcodeVersions() {
    assertThat(ToolVersions.xcode("Xcode 16.2\nBuild version 16C5032a\n")).contains("16.2");
    assertThat(ToolVersions.xcode("Xcode 15.0.1\nBuild version 15A507\n")).contains("15.0.1");
    assertThat(ToolVersions.xcode("Xcode 16\nBuild version 16A242d\n")).contains("16");
  }

  @Test
  void commandLineToolsWithoutXcodeAreNone() {
    assertThat(
            ToolVersions.xcode(
                "xcode-select: error: tool 'xcodebuild' requires Xcode, but active developer directory '/Library/Developer/CommandLineTools' is a command line tools instance"))
        .isEmpty();
  }
}
