package dev.hangar.web.problems;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

class ProblemJsonTest {

  @Test
  void aProblemIsWrittenWithItsPropertiesBesideTheStandardMembers() {
    ProblemDetail problem =
        ProblemAnswers.problem(
            HttpStatus.BAD_REQUEST,
            "validation_failed",
            "name must not be blank",
            List.of(new FieldError("name", "must not be blank")));

    assertThat(new String(ProblemJson.write(problem), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"type\":\"urn:hangar:problem:validation_failed\",\"title\":\"Bad Request\","
                + "\"status\":400,\"detail\":\"name must not be blank\",\"code\":\"validation_failed\","
                + "\"errors\":[{\"field\":\"name\",\"message\":\"must not be blank\"}]}");
  }

  /** Spring MVC sets {@code instance} to the request path on every problem it writes. */
  @Test
  void theInstanceIsNeverWritten() {
    ProblemDetail problem = ProblemAnswers.refusal(HttpStatus.NOT_FOUND, "no endpoint");
    problem.setInstance(URI.create("/v1/builds/whatever-the-client-sent"));

    assertThat(new String(ProblemJson.write(problem), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"type\":\"urn:hangar:problem:not_found\",\"title\":\"Not Found\",\"status\":404,"
                + "\"detail\":\"no endpoint\",\"code\":\"not_found\"}");
  }

  /** What Tomcat may refuse with a status Spring has no name for. */
  @Test
  void aStatusWithoutAReasonPhraseIsAnError() {
    ProblemDetail unknown = ProblemAnswers.refusal(HttpStatusCode.valueOf(499), "refused");

    assertThat(unknown.getTitle()).isEqualTo("Error");
    assertThat(unknown.getProperties()).containsEntry("code", "error");
    assertThat(unknown.getType()).isEqualTo(URI.create("urn:hangar:problem:error"));
  }

  private record FieldError(String field, String message) {}
}
