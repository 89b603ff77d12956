package dev.hangar.runner.detect;

import dev.hangar.model.ToolVersion;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads tool versions out of what the tools print about themselves. */
public final class ToolVersions {

  /**
   * {@code Flutter 3.27.1 • channel stable • https://…}; pre-releases carry a suffix
   * (3.29.0-1.0.pre.12).
   */
  private static final Pattern FLUTTER =
      Pattern.compile("(?m)^Flutter (\\d+(?:\\.\\d+){1,3})(-[0-9A-Za-z.]+)?\\b");

  /** {@code Xcode 16.2} then {@code Build version 16C5032a}. */
  private static final Pattern XCODE = Pattern.compile("(?m)^Xcode (\\d+(?:\\.\\d+){0,3})\\b");

  private ToolVersions() {}

  /** From {@code flutter --version}, which may first print a welcome banner or download notes. */
  public static Optional<String> flutter(String output) {
    return version(FLUTTER.matcher(output));
  }

  /** From {@code xcodebuild -version}. */
  public static Optional<String> xcode(String output) {
    return version(XCODE.matcher(output));
  }

  /** The version with its suffix when the server would accept that, else its numeric part. */
  private static Optional<String> version(Matcher match) {
    if (!match.find()) {
      return Optional.empty();
    }
    String withSuffix =
        match.group(1) + (match.groupCount() > 1 && match.group(2) != null ? match.group(2) : "");
    return Optional.of(ToolVersion.parse(withSuffix).isPresent() ? withSuffix : match.group(1));
  }
}
