package dev.hangar.api.logs;

import dev.hangar.api.web.ApiException;
import dev.hangar.api.web.BodyLimitFilter;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * Reads a log chunk: raw bytes, sent as {@code application/octet-stream} or {@code text/plain}
 * (whatever its charset: the bytes are stored as they are), at most 1 MiB like every body. A
 * request without a body (an empty chunk) needs no type.
 */
final class LogChunks {

  private LogChunks() {}

  static byte[] read(HttpServletRequest request) {
    String header = request.getContentType();
    byte[] body = bytes(request);
    if (header == null ? body.length > 0 : !acceptable(header)) {
      throw new ApiException(
          HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          "unsupported_media_type",
          "send the chunk as Content-Type: application/octet-stream (or text/plain)");
    }
    return body;
  }

  private static boolean acceptable(String header) {
    try {
      MediaType type = MediaType.parseMediaType(header);
      return type.equalsTypeAndSubtype(MediaType.APPLICATION_OCTET_STREAM)
          || type.equalsTypeAndSubtype(MediaType.TEXT_PLAIN);
    } catch (InvalidMediaTypeException notAMediaType) {
      return false;
    }
  }

  private static byte[] bytes(HttpServletRequest request) {
    try {
      return request.getInputStream().readAllBytes();
    } catch (BodyLimitFilter.PayloadTooLargeException e) {
      throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "payload_too_large", e.getMessage());
    } catch (IOException e) {
      throw ApiException.badRequest("malformed_body", "the request body could not be read");
    }
  }
}
