package dev.hangar.api.web;

import dev.hangar.api.auth.RunnerResolver;
import dev.hangar.api.auth.UserResolver;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Lets handlers declare who may call them by taking a {@code User} or an {@code
 * AuthenticatedRunner}.
 */
@Configuration
class WebConfiguration implements WebMvcConfigurer {

  private final UserResolver users;
  private final RunnerResolver runners;

  WebConfiguration(UserResolver users, RunnerResolver runners) {
    this.users = users;
    this.runners = runners;
  }

  @Override
  public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
    resolvers.add(users);
    resolvers.add(runners);
  }
}
