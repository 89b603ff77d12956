package dev.hangar.runner.job;

import dev.hangar.model.Platform;
import java.util.List;

/**
 * What a pipeline without steps runs: Flutter's own commands for fetching packages and building its
 * platform.
 */
public final class DefaultSteps {

  private DefaultSteps() {}

  public static List<Step> of(Platform platform) {
    return List.of(Step.command("flutter pub get"), Step.command(build(platform)));
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
