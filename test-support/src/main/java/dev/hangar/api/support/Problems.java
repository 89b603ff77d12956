package dev.hangar.api.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Assertions on RFC 9457 answers as README "The API" defines them: problem+json, the HTTP status
 * repeated in {@code status}, a stable {@code code}, a {@code detail}, and never a 5xx for a
 * client's mistake. Every problem has the same members, whichever layer refused the request, and no
 * cache may keep it.
 */
public final class Problems {

  /** Every member a problem may have, in the order it is written. */
  private static final List<String> MEMBERS =
      List.of("type", "title", "status", "detail", "code", "errors", "expected_offset");

  private Problems() {}

  /** Checks the answer is this problem and returns its body for further checks. */
  public static JsonNode assertProblem(ApiClient.Response response, int status, String code) {
    assertThat(response.status())
        .as("HTTP status of %s", response.body())
        .isLessThan(500)
        .isEqualTo(status);
    assertThat(response.contentType()).as("content type").startsWith("application/problem+json");
    JsonNode problem = response.json();
    assertThat(problem.path("status").isIntegralNumber())
        .as("status is a number in %s", response.body())
        .isTrue();
    assertThat(problem.path("status").asInt()).as("status field").isEqualTo(status);
    assertThat(problem.path("code").asString()).as("code in %s", response.body()).isEqualTo(code);
    assertThat(fieldsOf(problem))
        .as("members of %s", response.body())
        .isEqualTo(MEMBERS.stream().filter(problem::has).toList());
    assertThat(problem.path("type").asString()).as("type").isEqualTo("urn:hangar:problem:" + code);
    assertThat(problem.path("title").asString()).as("title").isNotEmpty();
    assertThat(problem.path("detail").asString()).as("detail").isNotEmpty();
    assertThat(response.body())
        .as("no stack trace or class names leak")
        .doesNotContain("dev.hangar.", "Exception", "tools.jackson");
    assertThat(response.header("Cache-Control")).as("Cache-Control").isEqualTo("no-store");
    if (status == 401) {
      assertThat(response.header("WWW-Authenticate"))
          .as("RFC 9110 requires a challenge on a 401")
          .startsWith("Bearer");
    }
    return problem;
  }

  /** The {@code field} of every entry in {@code errors}. */
  public static List<String> errorFields(JsonNode problem) {
    List<String> fields = new ArrayList<>();
    problem.path("errors").forEach(error -> fields.add(error.path("field").asString()));
    return fields;
  }

  /**
   * The property names of a JSON object, for checking an answer has exactly the documented fields.
   */
  public static List<String> fieldsOf(JsonNode object) {
    return List.copyOf(object.propertyNames());
  }
}
