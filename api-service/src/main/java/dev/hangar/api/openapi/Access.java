package dev.hangar.api.openapi;

import java.util.List;

/** Who may call an operation, and the refusals that follow from it alone. */
public enum Access {
  /** No token: logging in. */
  ANYONE(List.of()),
  /** A person's session token. */
  USER(List.of(ProblemCode.UNAUTHORIZED)),
  /** An admin's session token. */
  ADMIN(List.of(ProblemCode.UNAUTHORIZED, ProblemCode.ADMIN_REQUIRED)),
  /** The token of the runner named in the path. */
  RUNNER(List.of(ProblemCode.UNAUTHORIZED, ProblemCode.NOT_YOUR_RUNNER));

  private final List<ProblemCode> refusals;

  Access(List<ProblemCode> refusals) {
    this.refusals = refusals;
  }

  List<ProblemCode> refusals() {
    return refusals;
  }

  /** Whether a person's session, which the dashboard's cookie may carry, authorises the call. */
  boolean takesSession() {
    return this == USER || this == ADMIN;
  }

  /** The security scheme of the description its token belongs to, or null for none. */
  String securityScheme() {
    return switch (this) {
      case ANYONE -> null;
      case USER, ADMIN -> OpenApiConfiguration.SESSION;
      case RUNNER -> OpenApiConfiguration.RUNNER;
    };
  }
}
