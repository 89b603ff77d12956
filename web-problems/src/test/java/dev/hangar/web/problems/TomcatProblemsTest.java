package dev.hangar.web.problems;

import static dev.hangar.api.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.api.support.ApiClient;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServer;

/**
 * What Tomcat answers itself, before or outside Spring MVC, on a Tomcat set up as both processes
 * set theirs up: the refusals are problems like Spring MVC's, with the same codes.
 */
class TomcatProblemsTest {

  private static WebServer tomcat;
  private static ApiClient client;

  @BeforeAll
  static void start() {
    TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory(0);
    new TomcatProblems().customize(factory);
    tomcat =
        factory.getWebServer(
            context -> context.addServlet("failing", new FailingServlet()).addMapping("/failing"));
    tomcat.start();
    client = new ApiClient("http://127.0.0.1:" + tomcat.getPort(), Duration.ofSeconds(10));
  }

  @AfterAll
  static void stop() {
    tomcat.stop();
  }

  /** A failure no handler answered (a filter's bug, say) is the same 500 Spring MVC gives. */
  @Test
  void aFailureOutsideSpringMvcIsAnInternalError() {
    ApiClient.Response answer = client.get("/failing", null);

    assertThat(answer.status()).isEqualTo(500);
    assertThat(answer.json().path("code").asString()).isEqualTo("internal_error");
    assertThat(answer.json().path("detail").asString())
        .isEqualTo("an unexpected error occurred; it has been logged");
    assertThat(answer.body()).doesNotContain("IllegalStateException", "the cause");
  }

  @Test
  void traceIsNotAllowed() {
    assertProblem(client.send("TRACE", "/failing", null, null, null), 405, "method_not_allowed");
  }

  @Test
  void anEncodedSlashInThePathIsAMalformedRequest() {
    assertProblem(client.get("/a%2Fb", null), 400, "malformed_request");
  }

  private static final class FailingServlet extends HttpServlet {
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) {
      throw new IllegalStateException("the cause, which stays in the log");
    }
  }
}
