package dev.hangar.api.auth;

import dev.hangar.api.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * A handler that takes a {@link User} requires a live user session (401 otherwise), by bearer token
 * or by the dashboard's cookie ({@link SessionCredential}).
 */
@Component
public class UserResolver implements HandlerMethodArgumentResolver {

  private final SessionStore sessions;

  public UserResolver(SessionStore sessions) {
    this.sessions = sessions;
  }

  /** The session token of this request, for ending it. */
  public static String sessionToken(HttpServletRequest request) {
    return SessionCredential.token(request);
  }

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return parameter.getParameterType() == User.class;
  }

  @Override
  public User resolveArgument(
      MethodParameter parameter,
      ModelAndViewContainer mav,
      NativeWebRequest request,
      WebDataBinderFactory binders) {
    String token = sessionToken(request.getNativeRequest(HttpServletRequest.class));
    return sessions
        .resolve(token)
        .orElseThrow(() -> ApiException.unauthorized("the session is unknown or has expired"));
  }
}
