package dev.hangar.engine;

/**
 * A request the engine refuses, with the stable {@code code} clients see. The kind says what sort
 * of refusal it is; the REST layer maps kinds to status codes.
 */
public class EngineException extends RuntimeException {

  public enum Kind {
    UNAUTHORIZED,
    NOT_FOUND,
    FORBIDDEN,
    CONFLICT
  }

  private final Kind kind;
  private final String code;

  private EngineException(Kind kind, String code, String detail) {
    super(detail);
    this.kind = kind;
    this.code = code;
  }

  public static EngineException unauthorized(String detail) {
    return new EngineException(Kind.UNAUTHORIZED, "unauthorized", detail);
  }

  public static EngineException notFound(String code, String detail) {
    return new EngineException(Kind.NOT_FOUND, code, detail);
  }

  public static EngineException forbidden(String code, String detail) {
    return new EngineException(Kind.FORBIDDEN, code, detail);
  }

  public static EngineException conflict(String code, String detail) {
    return new EngineException(Kind.CONFLICT, code, detail);
  }

  public Kind kind() {
    return kind;
  }

  public String code() {
    return code;
  }
}
