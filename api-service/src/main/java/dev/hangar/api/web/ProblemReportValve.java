package dev.hangar.api.web;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers what Tomcat refuses before Spring sees it (an encoded {@code /} in the path, a malformed
 * request line or header, {@code TRACE} on any path) with problem+json like every other failure,
 * instead of Tomcat's HTML error page. The body is fixed text: nothing of the refused request is
 * echoed.
 */
public class ProblemReportValve extends ErrorReportValve {

  private static final JsonMapper JSON = JsonMapper.builder().build();

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
    HttpStatus known = HttpStatus.resolve(status);
    String code =
        status == 400 ? "malformed_request" : known == null ? "error" : Problem.codeFor(known);
    String detail =
        switch (status) {
          case 400 ->
              "the request is not valid HTTP for this server (request line, a header, or an encoded '/' or '\\' in the path)";
          case 405 ->
              "the server takes no requests with this method; the Allow header lists those it does";
          default -> "the server refused the request before handling it";
        };
    String body =
        JSON.writeValueAsString(
            new Problem(
                "urn:hangar:problem:" + code,
                known == null ? "Error" : known.getReasonPhrase(),
                status,
                detail,
                code,
                null));
    try {
      response.setContentType(Problem.MEDIA_TYPE.toString());
      response.setCharacterEncoding("UTF-8");
      response.setHeader("Cache-Control", "no-store");
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write(body);
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException clientGoneOrCommitted) {
      // nothing more can be sent on this response
    }
  }
}
