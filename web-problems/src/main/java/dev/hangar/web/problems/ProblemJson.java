package dev.hangar.web.problems;

import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes problems where Spring MVC's message converters are not reached (a servlet filter, the
 * Tomcat valve), with the mixin Spring Boot gives its own mapper, so both write the same JSON.
 */
public final class ProblemJson {

  private static final JsonMapper MAPPER =
      JsonMapper.builder().addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class).build();

  private ProblemJson() {}

  /** The problem as UTF-8 JSON. */
  public static byte[] write(ProblemDetail problem) {
    return MAPPER.writeValueAsBytes(problem);
  }
}
