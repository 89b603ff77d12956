package dev.hangar.api.openapi;

import java.util.Locale;

/**
 * Every {@code code} a problem answer of the api-service may carry, with its HTTP status, as the
 * OpenAPI description lists them per operation (README "Errors" names the same).
 */
public enum ProblemCode {
  MALFORMED_JSON(400),
  MALFORMED_BODY(400),
  UNKNOWN_FIELD(400),
  INVALID_PARAMETER(400),
  VALIDATION_FAILED(400),
  MALFORMED_REQUEST(400),
  CHECKSUM_MISMATCH(400),
  INVALID_ARTIFACT_NAME(400),
  UPLOAD_INCOMPLETE(400),
  UNAUTHORIZED(401),
  INVALID_CREDENTIALS(401),
  NOT_YOUR_RUNNER(403),
  NOT_YOUR_JOB(403),
  ADMIN_REQUIRED(403),
  CSRF_REQUIRED(403),
  NOT_FOUND(404),
  JOB_NOT_FOUND(404),
  BUILD_NOT_FOUND(404),
  PROJECT_NOT_FOUND(404),
  PIPELINE_NOT_FOUND(404),
  RUNNER_NOT_FOUND(404),
  USER_NOT_FOUND(404),
  SIGNING_NOT_CONFIGURED(404),
  ARTIFACT_NOT_FOUND(404),
  LINK_NOT_FOUND(404),
  METHOD_NOT_ALLOWED(405),
  NOT_ACCEPTABLE(406),
  LEASE_LOST(409),
  INVALID_TRANSITION(409),
  RUNNER_AT_CAPACITY(409),
  PLATFORM_MISMATCH(409),
  USERNAME_TAKEN(409),
  UPDATE_CONFLICT(409),
  LOG_EXPIRED(410),
  LINK_EXPIRED(410),
  LENGTH_REQUIRED(411),
  PAYLOAD_TOO_LARGE(413),
  LOG_LIMIT_REACHED(413),
  ARTIFACT_TOO_LARGE(413),
  BUILD_ARTIFACTS_TOO_LARGE(413),
  UNSUPPORTED_MEDIA_TYPE(415),
  UNEXPECTED_OFFSET(416),
  OFFSET_BEYOND_END(416),
  RANGE_NOT_SATISFIABLE(416),
  TOO_MANY_ATTEMPTS(429),
  INTERNAL_ERROR(500),
  SERVICE_UNAVAILABLE(503),
  STORAGE_UNAVAILABLE(503);

  private final int status;

  ProblemCode(int status) {
    this.status = status;
  }

  public int status() {
    return status;
  }

  /** The code as answers carry it, e.g. {@code lease_lost}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
