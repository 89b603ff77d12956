package dev.hangar.runner.api;

/**
 * A refusal from the api-service: its HTTP status and the problem's stable {@code code}. The
 * message names both and the server's detail, never the request (which carries a token).
 */
public final class ApiProblem extends RuntimeException {

  private final int status;
  private final String code;

  public ApiProblem(int status, String code, String detail) {
    super(
        "HTTP " + status + " " + code + (detail.isBlank() ? "" : ": " + detail),
        null,
        false,
        false);
    this.status = status;
    this.code = code;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public boolean is(int status, String code) {
    return this.status == status && this.code.equals(code);
  }

  /** The runner's token is unknown: the runner was deleted (or its token revoked) on the server. */
  public boolean unauthorized() {
    return status == 401;
  }

  /**
   * The server or a proxy in front of it is overloaded or restarting: asking again later may work.
   */
  public boolean isTransient() {
    return status >= 500 || status == 429 || status == 408;
  }
}
