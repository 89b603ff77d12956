package dev.hangar.api.artifacts;

import java.util.Locale;
import java.util.Map;

/**
 * The Content-Type an artifact is served with, chosen by the server from the extension of its name
 * and never taken from the uploader. An artifact is whatever a build wrote, so its bytes are the
 * pipeline author's (or an attacker's, through a pull request): served as {@code text/html}, an
 * SVG, or XML a browser renders, it would run script on Hangar's origin with the viewer's session.
 * So only types no browser executes are named here; HTML and everything unknown is {@code
 * application/octet-stream}, which browsers only ever save.
 */
final class ArtifactContentType {

  static final String OCTET_STREAM = "application/octet-stream";

  /**
   * By extension, lower case. {@code .aab} and {@code .ipa} are zip archives too, but saying so
   * would let Safari unpack them on download; XML and logs are shown as plain text, so a browser
   * never interprets them.
   */
  private static final Map<String, String> BY_EXTENSION =
      Map.of(
          "apk", "application/vnd.android.package-archive",
          "aab", OCTET_STREAM,
          "ipa", OCTET_STREAM,
          "zip", "application/zip",
          "json", "application/json",
          "xml", "text/plain;charset=utf-8",
          "txt", "text/plain;charset=utf-8",
          "log", "text/plain;charset=utf-8");

  private ArtifactContentType() {}

  /** {@code app.dSYM.zip} is a zip like any other: the last extension decides. */
  static String of(String name) {
    int dot = name.lastIndexOf('.');
    String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    return BY_EXTENSION.getOrDefault(extension, OCTET_STREAM);
  }
}
