package dev.hangar.api.web;

import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * A refusal that belongs to the HTTP layer itself (authentication, bad parameters), with the
 * headers its answer needs beside the problem, such as {@code Retry-After}, and members of its own
 * after {@code code}, such as the offset a log expects.
 */
public class ApiException extends RuntimeException {

  private final HttpStatus status;
  private final String code;
  private final HttpHeaders headers;
  private final Map<String, Object> members;

  public ApiException(HttpStatus status, String code, String detail) {
    this(status, code, detail, HttpHeaders.EMPTY);
  }

  protected ApiException(HttpStatus status, String code, String detail, HttpHeaders headers) {
    this(status, code, detail, headers, Map.of());
  }

  public ApiException(
      HttpStatus status,
      String code,
      String detail,
      HttpHeaders headers,
      Map<String, Object> members) {
    super(detail);
    this.status = status;
    this.code = code;
    this.headers = HttpHeaders.readOnlyHttpHeaders(headers);
    this.members = Map.copyOf(members);
  }

  public static ApiException unauthorized(String detail) {
    return new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized", detail);
  }

  public static ApiException forbidden(String code, String detail) {
    return new ApiException(HttpStatus.FORBIDDEN, code, detail);
  }

  public static ApiException badRequest(String code, String detail) {
    return new ApiException(HttpStatus.BAD_REQUEST, code, detail);
  }

  public HttpStatus status() {
    return status;
  }

  public String code() {
    return code;
  }

  public HttpHeaders headers() {
    return headers;
  }

  public Map<String, Object> members() {
    return members;
  }
}
