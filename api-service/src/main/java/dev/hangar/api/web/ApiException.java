package dev.hangar.api.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * A refusal that belongs to the HTTP layer itself (authentication, bad parameters), with the
 * headers its answer needs beside the problem, such as {@code Retry-After}.
 */
public class ApiException extends RuntimeException {

  private final HttpStatus status;
  private final String code;
  private final HttpHeaders headers;

  public ApiException(HttpStatus status, String code, String detail) {
    this(status, code, detail, HttpHeaders.EMPTY);
  }

  protected ApiException(HttpStatus status, String code, String detail, HttpHeaders headers) {
    super(detail);
    this.status = status;
    this.code = code;
    this.headers = HttpHeaders.readOnlyHttpHeaders(headers);
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
}
