package dev.hangar.api.builds;

import dev.hangar.api.web.ApiException;
import dev.hangar.engine.builds.BuildIndexKind;
import dev.hangar.engine.builds.BuildPosition;
import dev.hangar.engine.support.Ids;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * The {@code cursor} of {@code GET /v1/builds}: a {@link BuildPosition} in base64url, opaque to
 * clients. It names its index, so a cursor passed with filters that read another index is refused
 * rather than read as a place it never was.
 */
final class BuildCursor {

  private BuildCursor() {}

  static String encode(BuildPosition position) {
    if (position == null) {
      return null;
    }
    String text =
        position.index().name().toLowerCase(Locale.ROOT)
            + "."
            + position.score()
            + "."
            + position.buildId();
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The position a cursor names in {@code index}; {@code invalid_parameter} for anything else. */
  static BuildPosition decode(String cursor, BuildIndexKind index) {
    String[] parts;
    try {
      parts =
          new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\.");
    } catch (IllegalArgumentException notBase64) {
      throw invalid("cursor is not one this API gave");
    }
    if (parts.length != 3
        || !Ids.looksLike("build", parts[2])
        || !parts[1].matches("[0-9]{1,18}")) {
      throw invalid("cursor is not one this API gave");
    }
    if (!parts[0].equals(index.name().toLowerCase(Locale.ROOT))) {
      throw invalid(
          "cursor belongs to a listing filtered by another project or pipeline; pass the same"
              + " project and pipeline filters as the page that gave it");
    }
    return new BuildPosition(index, Long.parseLong(parts[1]), parts[2]);
  }

  private static ApiException invalid(String detail) {
    return ApiException.badRequest("invalid_parameter", detail);
  }
}
