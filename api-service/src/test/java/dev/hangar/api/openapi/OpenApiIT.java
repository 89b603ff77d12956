package dev.hangar.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.api.support.ApiClient;
import dev.hangar.api.support.Hangar;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI description against the endpoints Spring MVC really maps, so the two cannot drift:
 * every operation of Hangar's controllers is described, nothing else is, and each says who may call
 * it and which problem codes it answers with. An endpoint added without an {@link ApiContract}
 * fails here.
 */
class OpenApiIT {

  private static Hangar hangar;
  private static JsonNode description;

  @BeforeAll
  static void start() {
    hangar = Hangar.start(1, 0, Map.of());
    description = hangar.client().get("/v3/api-docs", null).expect(200).json();
  }

  @AfterAll
  static void stop() throws Exception {
    hangar.close();
  }

  @Test
  void everyMappedOperationIsDescribedAndNothingElse() {
    assertThat(described().keySet()).isEqualTo(mapped().keySet());
  }

  @Test
  void everyOperationDeclaresItsContract() {
    assertThat(
            mapped().entrySet().stream()
                .filter(e -> !e.getValue().hasMethodAnnotation(ApiContract.class))
                .map(Map.Entry::getKey))
        .as("handler methods without @ApiContract")
        .isEmpty();
  }

  @Test
  void eachOperationNamesItsCallersTokenAsItsSecurity() {
    mapped()
        .forEach(
            (operation, handler) -> {
              Access access = handler.getMethodAnnotation(ApiContract.class).access();
              JsonNode security = described().get(operation).path("security");
              List<String> schemes = new ArrayList<>();
              security.forEach(requirement -> schemes.addAll(requirement.propertyNames()));
              assertThat(schemes)
                  .as(operation)
                  .containsExactlyElementsOf(
                      access == Access.ANYONE ? List.of() : List.of(access.securityScheme()));
              assertThat(security.isArray()).as("%s states its security", operation).isTrue();
            });
    JsonNode schemes = description.path("components").path("securitySchemes");
    for (String scheme : List.of("session", "runner")) {
      assertThat(schemes.path(scheme).path("type").asString()).isEqualTo("http");
      assertThat(schemes.path(scheme).path("scheme").asString()).isEqualTo("bearer");
    }
  }

  @Test
  void everyRefusalIsAProblemAnswerListingItsCodes() {
    described()
        .forEach(
            (operation, described) -> {
              Set<String> statuses = new TreeSet<>(described.path("responses").propertyNames());
              assertThat(statuses).as(operation).contains("500", "503");
              for (String status : statuses) {
                JsonNode answer = described.path("responses").path(status);
                if (status.startsWith("2")) {
                  continue;
                }
                assertThat(
                        answer
                            .path("content")
                            .path("application/problem+json")
                            .path("schema")
                            .path("$ref")
                            .asString())
                    .as("%s %s", operation, status)
                    .isEqualTo("#/components/schemas/Problem");
                List<String> codes = new ArrayList<>();
                answer.path("x-problem-codes").forEach(code -> codes.add(code.asString()));
                assertThat(codes).as("%s %s", operation, status).isNotEmpty();
                for (String code : codes) {
                  assertThat(
                          ProblemCode.valueOf(code.toUpperCase(Locale.ROOT)).status()
                              == Integer.parseInt(status))
                      .as("%s %s: %s", operation, status, code)
                      .isTrue();
                }
              }
            });
  }

  @Test
  void fieldsAreNamedAsTheApiSpellsThem() {
    JsonNode schemas = description.path("components").path("schemas");
    assertThat(schemas.path("QueueView").path("properties").propertyNames())
        .contains("oldest_queued_at", "runners_online_eligible");
    assertThat(schemas.path("CreateBuildRequest").path("properties").propertyNames())
        .contains("commit_sha");
  }

  @Test
  void aClaimAnswersItsJobOrNothing() {
    JsonNode claim = described().get("POST /v1/runners/{runnerId}/claim").path("responses");
    assertThat(claim.path("200").path("content").path("application/json").path("schema"))
        .hasToString("{\"$ref\":\"#/components/schemas/ClaimAnswer\"}");
    assertThat(claim.path("204").path("content").isMissingNode()).isTrue();
    assertThat(claim.path("409").path("x-problem-codes").get(0).asString())
        .isEqualTo("runner_at_capacity");
  }

  @Test
  void aBodyIsRequiredUnlessTheOperationTakesNone() {
    assertThat(
            described().get("POST /v1/projects").path("requestBody").path("required").asBoolean())
        .isTrue();
    assertThat(
            described()
                .get("POST /v1/runners/register")
                .path("requestBody")
                .path("required")
                .asBoolean())
        .isFalse();
  }

  @Test
  void swaggerUiIsServed() {
    ApiClient.Response page = hangar.client().get("/swagger-ui/index.html", null);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.contentType()).startsWith("text/html");
  }

  /** "METHOD path" of every operation in the description. */
  private static Map<String, JsonNode> described() {
    Map<String, JsonNode> operations = new TreeMap<>();
    description
        .path("paths")
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .properties()
                    .forEach(
                        method ->
                            operations.put(
                                method.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(),
                                method.getValue())));
    return operations;
  }

  /** "METHOD path" of every operation Hangar's controllers map. */
  private static Map<String, HandlerMethod> mapped() {
    RequestMappingHandlerMapping mapping =
        hangar.api(0).bean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
    Map<String, HandlerMethod> operations = new TreeMap<>();
    for (Map.Entry<RequestMappingInfo, HandlerMethod> entry :
        mapping.getHandlerMethods().entrySet()) {
      HandlerMethod handler = entry.getValue();
      if (!handler.getBeanType().getPackageName().startsWith("dev.hangar.")) {
        continue;
      }
      Set<RequestMethod> methods = entry.getKey().getMethodsCondition().getMethods();
      assertThat(methods).as("%s answers one method at least", handler).isNotEmpty();
      for (String path : entry.getKey().getPatternValues()) {
        for (RequestMethod method : methods) {
          operations.put(method.name() + " " + path, handler);
        }
      }
    }
    return operations;
  }
}
