package dev.hangar.api.auth;

import dev.hangar.engine.runners.AuthenticatedRunner;
import dev.hangar.engine.runners.RunnerCredentials;
import dev.hangar.engine.runners.RunnerStore;
import dev.hangar.engine.support.Tokens;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.core.MethodParameter;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.HandlerMapping;

/**
 * A handler that takes an {@link AuthenticatedRunner} requires that runner's own token: unknown or
 * missing → 401, another runner's path → 403. Resolving the token also records the contact. A
 * handler that takes {@link RunnerCredentials} gets the token unchecked (only its form is) and must
 * have it checked by the script that does its work, with the same answers.
 */
@Component
public class RunnerResolver implements HandlerMethodArgumentResolver {

  private final RunnerStore runners;

  public RunnerResolver(RunnerStore runners) {
    this.runners = runners;
  }

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return parameter.getParameterType() == AuthenticatedRunner.class
        || parameter.getParameterType() == RunnerCredentials.class;
  }

  @Override
  public Object resolveArgument(
      MethodParameter parameter,
      ModelAndViewContainer mav,
      NativeWebRequest request,
      WebDataBinderFactory binders) {
    HttpServletRequest http = request.getNativeRequest(HttpServletRequest.class);
    @SuppressWarnings("unchecked")
    Map<String, String> path =
        (Map<String, String>) http.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
    String pathRunnerId = path == null ? null : path.get("runnerId");
    RunnerCredentials credentials =
        RunnerCredentials.of(pathRunnerId, BearerToken.of(http, Tokens.RUNNER));
    return parameter.getParameterType() == RunnerCredentials.class
        ? credentials
        : runners.authenticate(credentials);
  }
}
