package dev.hangar.api.auth;

import dev.hangar.api.ApiSettings;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * The dashboard's session: the same token as {@code POST /v1/sessions} answers, kept in a cookie
 * the page's scripts cannot read ({@code HttpOnly}) and that no other site's page sends ({@code
 * SameSite=Strict}). It goes only to the API's own paths.
 */
@Component
public class SessionCookie {

  public static final String NAME = "hangar_session";
  private static final String PATH = "/v1";

  private final Duration ttl;
  private final CookieSecurity security;

  public SessionCookie(ApiSettings settings) {
    this.ttl = settings.sessionTtl();
    this.security = settings.sessionCookieSecure();
  }

  /** The cookie's value, if the request carries one. */
  public static Optional<String> of(HttpServletRequest request) {
    Cookie[] cookies = request.getCookies();
    if (cookies == null) {
      return Optional.empty();
    }
    for (Cookie cookie : cookies) {
      if (NAME.equals(cookie.getName())) {
        return Optional.of(cookie.getValue());
      }
    }
    return Optional.empty();
  }

  void set(HttpServletRequest request, HttpServletResponse response, String token) {
    response.addHeader(HttpHeaders.SET_COOKIE, cookie(request, token, ttl).toString());
  }

  void clear(HttpServletRequest request, HttpServletResponse response) {
    response.addHeader(HttpHeaders.SET_COOKIE, cookie(request, "", Duration.ZERO).toString());
  }

  private ResponseCookie cookie(HttpServletRequest request, String value, Duration maxAge) {
    return ResponseCookie.from(NAME, value)
        .path(PATH)
        .maxAge(maxAge)
        .httpOnly(true)
        .sameSite("Strict")
        .secure(security.secure(request.isSecure()))
        .build();
  }
}
