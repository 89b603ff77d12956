package dev.hangar.runner.job;

import dev.hangar.model.Platform;
import java.util.List;

/**
 * What a pipeline without steps runs: Flutter's own commands for fetching packages and building its
 * platform, and where that build leaves what it made.
 */
public final class DefaultSteps {

  private DefaultSteps() {}

  public static List<Step> of(Platform platform) {
    return List.of(Step.command("flutter pub get"), Step.command(build(platform)));
  }

  /**
   * Where Flutter's build for the platform puts its output, as artifact patterns: the release APK,
   * the IPA, and for the desktop and web builds the directory a user ships (uploaded as a zip).
   */
  public static List<String> artifacts(Platform platform) {
    return List.of(
        switch (platform) {
          case ANDROID -> "build/app/outputs/flutter-apk/*.apk";
          case IOS -> "build/ios/ipa/*.ipa";
          case MACOS -> "build/macos/Build/Products/Release/*.app";
          // The architecture directory (x64, arm64) depends on the runner's machine.
          case LINUX -> "build/linux/*/release/bundle";
          case WINDOWS -> "build/windows/*/runner/Release";
          case WEB -> "build/web";
        });
  }

  private static String build(Platform platform) {
    return switch (platform) {
      case ANDROID -> "flutter build apk --release";
      // An .ipa is always a release archive: `flutter build ipa` takes no --release.
      case IOS -> "flutter build ipa";
      case MACOS -> "flutter build macos --release";
      case LINUX -> "flutter build linux --release";
      case WINDOWS -> "flutter build windows --release";
      case WEB -> "flutter build web --release";
    };
  }
}
