package dev.hangar.api.auth;

import dev.hangar.api.web.ApiException;
import dev.hangar.engine.support.Tokens;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpHeaders;

/**
 * The session token of a person's request: the {@code Authorization: Bearer} header when there is
 * one (scripts), else the dashboard's cookie. A browser attaches the cookie to any request for this
 * origin, including one another site's page makes it send; such a page cannot set a custom header
 * without CORS allowing it (which Hangar never does), so a request that changes something on the
 * strength of the cookie alone must carry {@value #CSRF_HEADER}.
 */
public final class SessionCredential {

  public static final String CSRF_HEADER = "Hangar-CSRF";
  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

  private SessionCredential() {}

  public static String token(HttpServletRequest request) {
    if (request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
      return BearerToken.of(request, Tokens.SESSION);
    }
    Optional<String> cookie = SessionCookie.of(request);
    if (cookie.isEmpty()) {
      throw ApiException.unauthorized("an Authorization: Bearer token is required");
    }
    String token = cookie.get();
    // A runner token is no credential for a person, wherever it is put.
    if (!token.startsWith(Tokens.SESSION) || token.length() > 200) {
      throw ApiException.unauthorized("the session cookie is not valid");
    }
    if (!SAFE_METHODS.contains(request.getMethod()) && request.getHeader(CSRF_HEADER) == null) {
      throw ApiException.forbidden(
          "csrf_required",
          "a request authenticated by the session cookie that changes something must carry the "
              + CSRF_HEADER
              + " header");
    }
    return token;
  }
}
