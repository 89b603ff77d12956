package dev.hangar.api.web;

import dev.hangar.model.validation.Validated;
import dev.hangar.model.validation.Violation;
import dev.hangar.model.validation.Violations;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.type.LogicalType;

/**
 * Reads request bodies. Requests made with a user session are strict: an unknown field is an error,
 * so typos surface. Requests made with a runner token ignore unknown fields, so a newer runner can
 * talk to an older daemon (README "The API"). Both refuse wrong types instead of coercing them, and
 * both run the request's own validation.
 */
@Component
public class RequestBodies {

  private final JsonMapper strict = mapper(true);
  private final JsonMapper tolerant = mapper(false);

  public <T extends Validated> T fromUser(HttpServletRequest request, Class<T> type) {
    return parse(strict, bytes(request), type);
  }

  public <T extends Validated> T fromRunner(HttpServletRequest request, Class<T> type) {
    return parse(tolerant, bytes(request), type);
  }

  /** For endpoints whose body is optional: empty when the request has none. */
  public <T extends Validated> Optional<T> optionalFromUser(
      HttpServletRequest request, Class<T> type) {
    byte[] body = bytes(request);
    return body.length == 0 ? Optional.empty() : Optional.of(parse(strict, body, type));
  }

  /**
   * A PATCH body applied to {@code current}, the request that would create what exists now, as a
   * JSON merge patch (RFC 7396): a field sent replaces the field, objects within merge field by
   * field, and {@code null} removes (so an optional field returns to its default). The result is
   * read and validated exactly as a creating request, so a change can make nothing a creation could
   * not; a top-level field the request does not have is {@code unknown_field}, even as {@code
   * null}.
   */
  public <T extends Validated> Patch<T> patchFromUser(HttpServletRequest request, Class<T> type) {
    byte[] body = bytes(request);
    if (body.length == 0) {
      throw ValidationFailedException.of("body", "a JSON object is required");
    }
    requireObject(strict, body);
    ObjectNode patch = (ObjectNode) strict.readTree(body);
    return current -> {
      ObjectNode base = strict.valueToTree(current);
      for (String field : patch.propertyNames()) {
        if (!base.has(field)) {
          throw ApiException.badRequest("unknown_field", "unknown field '" + field + "'");
        }
      }
      return parse(strict, strict.writeValueAsBytes(merge(base, patch)), type);
    };
  }

  /** A change read from a PATCH body, applied to what exists now (possibly more than once). */
  @FunctionalInterface
  public interface Patch<T> {
    T applyTo(T current);
  }

  private static JsonNode merge(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch;
    }
    ObjectNode merged =
        target != null && target.isObject()
            ? ((ObjectNode) target).deepCopy()
            : JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, JsonNode> field : patch.properties()) {
      if (field.getValue().isNull()) {
        merged.remove(field.getKey());
      } else {
        merged.set(field.getKey(), merge(merged.get(field.getKey()), field.getValue()));
      }
    }
    return merged;
  }

  /**
   * The raw body, read here rather than by Spring's message converters, which log the first bytes
   * of a body at DEBUG — for a login or a signing upload, a password.
   */
  private static byte[] bytes(HttpServletRequest request) {
    JsonContentType.require(request.getContentType());
    try {
      return request.getInputStream().readAllBytes();
    } catch (BodyLimitFilter.PayloadTooLargeException e) {
      throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "payload_too_large", e.getMessage());
    } catch (IOException e) {
      throw ApiException.badRequest("malformed_body", "the request body could not be read");
    }
  }

  private static <T extends Validated> T parse(JsonMapper mapper, byte[] body, Class<T> type) {
    if (body.length == 0) {
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
