package dev.hangar.api.web;

import dev.hangar.model.validation.Validated;
import dev.hangar.model.validation.Violation;
import dev.hangar.model.validation.Violations;
import java.util.List;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * Reads request bodies. Requests made with a user session are strict: an unknown field is an error,
 * so typos surface. Requests made with a runner token ignore unknown fields, so a newer runner can
 * talk to an older daemon (SPEC "Conventions"). Both refuse wrong types instead of coercing them,
 * and both run the request's own validation.
 */
@Component
public class RequestBodies {

  private final JsonMapper strict = mapper(true);
  private final JsonMapper tolerant = mapper(false);

  public <T extends Validated> T fromUser(HttpEntity<byte[]> request, Class<T> type) {
    return read(strict, request, type);
  }

  public <T extends Validated> T fromRunner(HttpEntity<byte[]> request, Class<T> type) {
    return read(tolerant, request, type);
  }

  /** Whether the request carries a body at all (some endpoints take an optional one). */
  public static boolean isEmpty(HttpEntity<byte[]> request) {
    return request.getBody() == null || request.getBody().length == 0;
  }

  private static <T extends Validated> T read(JsonMapper mapper, HttpEntity<byte[]> request, Class<T> type) {
    MediaType contentType = request.getHeaders().getContentType();
    // A form-encoded body (curl -d without a Content-Type) reaches us re-encoded by the servlet layer.
    if (contentType != null && !contentType.isCompatibleWith(MediaType.APPLICATION_JSON)
        && !"json".equals(contentType.getSubtypeSuffix())) {
      throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", "send the body as Content-Type: application/json");
    }
    byte[] body = request.getBody();
    if (isEmpty(request)) {
      throw ValidationFailedException.of("body", "a JSON object is required");
    }
    requireObject(mapper, body);
    T parsed = mapper.readValue(body, type);
    List<Violation> violations = Violations.of(parsed);
    if (!violations.isEmpty()) {
      throw new ValidationFailedException(violations);
    }
    return parsed;
  }

  /**
   * Refuses valid JSON that is not an object ({@code []}, {@code "x"}, {@code null}) as a bad
   * {@code body}, rather than as malformed JSON with Jackson's wording and our class names in it.
   */
  private static void requireObject(JsonMapper mapper, byte[] body) {
    try (JsonParser parser = mapper.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw ValidationFailedException.of("body", "a JSON object is required");
      }
    }
  }

  private static JsonMapper mapper(boolean failOnUnknown) {
    return JsonMapper.builder()
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, failOnUnknown)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        // The line above stops coercion into numbers and booleans, not out of them: without these,
        // "name": 42 is read as "42" and "platform": 1 as the second platform, unnoticed.
        .withCoercionConfig(
            LogicalType.Textual,
            text ->
                text.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
        .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build();
  }
}
