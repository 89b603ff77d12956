package dev.hangar.api.dashboard;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The operator dashboard: static files from {@code classpath:/dashboard/}, the page itself at
 * {@code /}. It holds no data; everything it shows comes from the API with the session cookie.
 * Served apart from the controllers, so it is no operation of the API's description.
 */
@Configuration
class DashboardConfiguration implements WebMvcConfigurer {

  static final String ASSETS = "/dashboard/";

  @Override
  public void addResourceHandlers(ResourceHandlerRegistry registry) {
    // Revalidated on every load: a new version must not run against an older page.
    registry
        .addResourceHandler(ASSETS + "**")
        .addResourceLocations("classpath:" + ASSETS)
        .setCacheControl(CacheControl.noCache());
  }

  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    registry.addViewController("/").setViewName("forward:" + ASSETS + "index.html");
  }

  @Bean
  FilterRegistrationBean<DashboardHeaders> dashboardHeaders() {
    FilterRegistrationBean<DashboardHeaders> registration =
        new FilterRegistrationBean<>(new DashboardHeaders());
    registration.addUrlPatterns("/", ASSETS + "*");
    return registration;
  }
}
