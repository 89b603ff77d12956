package dev.hangar.api.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * The Content-Type a request body must come with: none, {@code application/json} or a {@code +json}
 * type. Anything else is refused with 415 before the body is read, including a header that is no
 * media type at all ({@code garbage}, {@code application/}, an unknown charset): that is the
 * client's mistake, answered like any other and never logged, as anyone can send it.
 */
final class JsonContentType {

  private JsonContentType() {}

  static void require(String header) {
    if (header == null) {
      return;
    }
    MediaType type;
    try {
      type = MediaType.parseMediaType(header);
    } catch (InvalidMediaTypeException notAMediaType) {
      throw unsupported(
          "the Content-Type header is not a valid media type; send the body as Content-Type: application/json");
    }
    // A form-encoded body (curl -d without a Content-Type) is not JSON; say so rather than guess.
    if (!type.isCompatibleWith(MediaType.APPLICATION_JSON)
        && !"json".equals(type.getSubtypeSuffix())) {
      throw unsupported("send the body as Content-Type: application/json");
    }
  }

  private static ApiException unsupported(String detail) {
    return new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", detail);
  }
}
