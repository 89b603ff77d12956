package dev.hangar.api.web;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;

/**
 * Status and headers for answers with a body, set on the response while the controller returns the
 * body itself. Spring MVC flushes a {@code ResponseEntity} as soon as its body is written, which
 * sends the answer chunked, in two writes; a plain body that fits Tomcat's response buffer goes out
 * whole with a {@code Content-Length}. So controllers keep {@code ResponseEntity} for answers
 * without a body (204); problem answers ({@link dev.hangar.web.problems.ProblemAnswers}) still use
 * it, being off the paths that carry load.
 */
public final class Answers {

  private Answers() {}

  /** 201 with a {@code Location}. */
  public static <T> T created(HttpServletResponse response, String location, T body) {
    response.setStatus(HttpServletResponse.SC_CREATED);
    response.setHeader(HttpHeaders.LOCATION, location);
    return body;
  }

  /** 200 that no cache may keep (signing material). */
  public static <T> T uncached(HttpServletResponse response, T body) {
    response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    return body;
  }
}
