package dev.hangar.api.auth;

import dev.hangar.api.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;

/** Reads {@code Authorization: Bearer <token>} and checks the token is of the expected kind. */
public final class BearerToken {

  private BearerToken() {}

  public static String of(HttpServletRequest request, String prefix) {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw ApiException.unauthorized("an Authorization: Bearer token is required");
    }
    String token = header.substring(7).trim();
    // A runner token on a user endpoint (or the reverse) is simply not a credential here.
    if (!token.startsWith(prefix) || token.length() > 200) {
      throw ApiException.unauthorized("the token is not valid for this endpoint");
    }
    return token;
  }
}
