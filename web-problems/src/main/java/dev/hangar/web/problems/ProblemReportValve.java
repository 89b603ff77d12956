package dev.hangar.web.problems;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * Answers what Tomcat refuses or fails at itself, outside Spring MVC (an encoded {@code /} in the
 * path, a malformed request line or header, {@code TRACE} on any path, an exception no handler
 * took), with the problem {@link ProblemAnswers} builds, instead of Tomcat's HTML error page. It
 * runs in Tomcat's host pipeline, where no Spring MVC handler or message converter is reached, so
 * it writes the problem with {@link ProblemJson} itself. The detail is fixed text: nothing of the
 * refused request is echoed.
 */
public class ProblemReportValve extends ErrorReportValve {

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0) {
      return;
    }
    AtomicBoolean ioAllowed = new AtomicBoolean();
    response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
    if (!ioAllowed.get()) {
      return;
    }
    ProblemDetail problem = problemFor(HttpStatusCode.valueOf(status));
    try {
      ProblemAnswers.headersOf(problem)
          .forEach((name, values) -> values.forEach(value -> response.setHeader(name, value)));
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write(new String(ProblemJson.write(problem), StandardCharsets.UTF_8));
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException clientGoneOrCommitted) {
      // nothing more can be sent on this response
    }
  }

  private static ProblemDetail problemFor(HttpStatusCode status) {
    return switch (status.value()) {
      case 400 ->
          ProblemAnswers.problem(
              status,
              "malformed_request",
              "the request is not valid HTTP for this server (request line, a header, or an encoded '/' or '\\' in the path)");
      case 405 ->
          ProblemAnswers.refusal(
              status,
              "the server takes no requests with this method; the Allow header lists those it does");
      // Tomcat has logged the failure it reports.
      case 500 -> ProblemAnswers.internalError();
      default ->
          ProblemAnswers.refusal(status, "the server refused the request before handling it");
    };
  }
}
