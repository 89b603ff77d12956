package dev.hangar.api.web;

import dev.hangar.web.problems.ProblemAnswers;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses bodies over 1 MiB with 413: at once when Content-Length says so, and while reading when a
 * chunked body grows past the limit, so no client can make an instance buffer an unbounded body.
 * Artifact uploads alone are let through, as they are streamed to storage.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class BodyLimitFilter extends OncePerRequestFilter {

  public static final long LIMIT_BYTES = 1024 * 1024;

  /**
   * Artifact uploads: streamed to storage, never buffered, under limits of their own
   * (HANGAR_ARTIFACT_MAX_SIZE) checked against their required Content-Length before they are read.
   */
  private static final Pattern STREAMED =
      Pattern.compile("/v1/runners/[^/]+/jobs/[^/]+/artifacts/[^/]+");

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return "PUT".equals(request.getMethod())
        && STREAMED.matcher(request.getServletPath()).matches();
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getContentLengthLong() > LIMIT_BYTES) {
      ProblemAnswers.write(tooLarge(), response);
      return;
    }
    chain.doFilter(new Limited(request), response);
  }

  static ProblemDetail tooLarge() {
    return ProblemAnswers.problem(
        HttpStatus.CONTENT_TOO_LARGE,
        "payload_too_large",
        "the body exceeds " + LIMIT_BYTES + " bytes");
  }

  /**
   * Thrown while reading a body that outgrew the limit; answered with 413 by {@link
   * ProblemHandler}.
   */
  public static class PayloadTooLargeException extends IOException {
    PayloadTooLargeException() {
      super("request body exceeds " + LIMIT_BYTES + " bytes");
    }
  }

  private static final class Limited extends HttpServletRequestWrapper {
    Limited(HttpServletRequest request) {
      super(request);
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      ServletInputStream in = super.getInputStream();
      return new ServletInputStream() {
        private long read;

        @Override
        public int read() throws IOException {
          int b = in.read();
          count(b < 0 ? 0 : 1);
          return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
          int n = in.read(buffer, offset, length);
          count(Math.max(n, 0));
          return n;
        }

        private void count(int n) throws PayloadTooLargeException {
          read += n;
          if (read > LIMIT_BYTES) {
            throw new PayloadTooLargeException();
          }
        }

        @Override
        public boolean isFinished() {
          return in.isFinished();
        }

        @Override
        public boolean isReady() {
          return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
          in.setReadListener(listener);
        }
      };
    }
  }
}
