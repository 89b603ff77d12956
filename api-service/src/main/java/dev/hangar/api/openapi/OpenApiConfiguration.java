package dev.hangar.api.openapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.hangar.api.auth.User;
import dev.hangar.engine.runners.AuthenticatedRunner;
import dev.hangar.engine.runners.RunnerCredentials;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The OpenAPI description at /v3/api-docs (Swagger UI at /swagger-ui.html): springdoc reads the
 * mappings and the answer types; each operation's {@link ApiContract} adds its caller's security
 * scheme, its JSON body, its success status and its problem answers, grouped by status with their
 * codes listed.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

  static final String SESSION = "session";
  static final String RUNNER = "runner";
  private static final String PROBLEM = "Problem";
  private static final String PROBLEM_JSON = "application/problem+json";

  /** What a JSON body may be refused for, before the operation looks at it. */
  private static final List<ProblemCode> BODY_REFUSALS =
      List.of(
          ProblemCode.MALFORMED_JSON,
          ProblemCode.MALFORMED_BODY,
          ProblemCode.VALIDATION_FAILED,
          ProblemCode.PAYLOAD_TOO_LARGE,
          ProblemCode.UNSUPPORTED_MEDIA_TYPE);

  /** What any operation may answer when something beyond the caller fails. */
  private static final List<ProblemCode> FAILURES =
      List.of(ProblemCode.INTERNAL_ERROR, ProblemCode.SERVICE_UNAVAILABLE);

  /** Jackson 2, which swagger-core reads types with, naming fields as the API does. */
  private static final ObjectMapper SNAKE_CASE =
      new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

  private final ModelConverters models = new ModelConverters();
  private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

  OpenApiConfiguration() {
    models.addConverter(new ModelResolver(SNAKE_CASE));
    // Resolved from the token, not read from the request.
    SpringDocUtils.getConfig()
        .addRequestWrapperToIgnore(User.class, AuthenticatedRunner.class, RunnerCredentials.class);
  }

  /** Answer types as springdoc finds them, with snake_case field names. */
  @Bean
  ModelResolver snakeCaseModels() {
    return new ModelResolver(SNAKE_CASE);
  }

  @Bean
  OpenAPI hangarOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("Hangar")
                .version("v1")
                .description(
                    "A self-hosted CI daemon for Flutter builds. Errors are RFC 9457 problem+json"
                        + " with a stable code; each operation lists the codes it may answer."))
        .components(
            new Components()
                .addSecuritySchemes(
                    SESSION,
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .description(
                            "a person's session token, from POST /v1/sessions; or the"
                                + " dashboard's HttpOnly cookie hangar_session, from POST"
                                + " /v1/sessions/cookie, with a Hangar-CSRF header on every"
                                + " method but GET"))
                .addSecuritySchemes(
                    RUNNER,
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .description(
                            "the runner's token, returned once by POST /v1/runners/register;"
                                + " it authorises only /v1/runners/{its id}/…"))
                .addSchemas(PROBLEM, problemSchema()));
  }

  @Bean
  OperationCustomizer contracts() {
    return (operation, handler) -> {
      ApiContract contract = handler.getMethodAnnotation(ApiContract.class);
      if (contract == null) {
        return operation;
      }
      operation.setSummary(contract.summary());
      String scheme = contract.access().securityScheme();
      operation.setSecurity(
          scheme == null ? List.of() : List.of(new SecurityRequirement().addList(scheme)));
      List<ProblemCode> problems = new ArrayList<>(contract.access().refusals());
      if (contract.access().takesSession() && !handler.hasMethodAnnotation(GetMapping.class)) {
        problems.add(ProblemCode.CSRF_REQUIRED);
      }
      if (contract.body() != Void.class) {
        operation.setRequestBody(
            new RequestBody().required(!contract.bodyOptional()).content(json(contract.body())));
        problems.addAll(BODY_REFUSALS);
        if (contract.access() != Access.RUNNER) {
          // Runners and servers of other versions may talk: a runner's unknown fields are ignored.
          problems.add(ProblemCode.UNKNOWN_FIELD);
        }
      }
      if (contract.rawBody().length > 0) {
        operation.setRequestBody(rawBody(contract.rawBody()));
        problems.add(ProblemCode.PAYLOAD_TOO_LARGE);
        problems.add(ProblemCode.UNSUPPORTED_MEDIA_TYPE);
      }
      problems.addAll(List.of(contract.problems()));
      problems.addAll(FAILURES);
      ApiResponses responses = responses(operation.getResponses(), contract.status(), problems);
      if (contract.answer() != Void.class) {
        responses.get(Integer.toString(contract.status())).content(json(contract.answer()));
      }
      for (int empty : contract.emptySuccesses()) {
        responses.addApiResponse(
            Integer.toString(empty), new ApiResponse().description("No Content"));
      }
      operation.setResponses(responses);
      return operation;
    };
  }

  /** Adds the schemas of the bodies and answers the contracts named. */
  @Bean
  OpenApiCustomizer contractSchemas() {
    return openApi -> schemas.forEach(openApi.getComponents()::addSchemas);
  }

  /** JSON of that type, its schema (and those it refers to) added to the description's. */
  private Content json(Class<?> type) {
    schemas.putAll(models.readAll(new AnnotatedType(type)));
    return new Content()
        .addMediaType(
            "application/json",
            new MediaType()
                .schema(new Schema<>().$ref("#/components/schemas/" + type.getSimpleName())));
  }

  private static RequestBody rawBody(String[] mediaTypes) {
    Content content = new Content();
    for (String type : mediaTypes) {
      content.addMediaType(type, new MediaType().schema(new StringSchema().format("binary")));
    }
    return new RequestBody().required(true).content(content);
  }

  /**
   * The success answer springdoc inferred, under the contract's status, and one problem answer per
   * status with the codes it may carry.
   */
  private static ApiResponses responses(
      ApiResponses inferred, int status, List<ProblemCode> problems) {
    ApiResponses responses = new ApiResponses();
    ApiResponse success = inferred == null ? null : inferred.get("200");
    if (status == 204 || success == null) {
      success = new ApiResponse();
    }
    responses.addApiResponse(
        Integer.toString(status), success.description(status == 201 ? "Created" : "OK"));
    if (status == 204) {
      success.description("No Content");
    }
    Map<Integer, List<String>> codes = new TreeMap<>();
    for (ProblemCode problem : problems) {
      List<String> atStatus = codes.computeIfAbsent(problem.status(), s -> new ArrayList<>());
      if (!atStatus.contains(problem.wire())) {
        atStatus.add(problem.wire());
      }
    }
    codes.forEach(
        (code, names) -> {
          ApiResponse problem =
              new ApiResponse()
                  .description("problem codes: " + String.join(", ", names))
                  .content(
                      new Content()
                          .addMediaType(
                              PROBLEM_JSON,
                              new MediaType()
                                  .schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
          problem.addExtension("x-problem-codes", names);
          responses.addApiResponse(Integer.toString(code), problem);
        });
    return responses;
  }

  private static Schema<?> problemSchema() {
    return new ObjectSchema()
        .description("RFC 9457 problem details with Hangar's stable code")
        .addProperty("type", new StringSchema().example("urn:hangar:problem:lease_lost"))
        .addProperty("title", new StringSchema())
        .addProperty("status", new IntegerSchema())
        .addProperty("detail", new StringSchema())
        .addProperty("code", new StringSchema().example("lease_lost"))
        .addProperty(
            "errors",
            new ArraySchema()
                .description("validation_failed: each refused field")
                .items(
                    new ObjectSchema()
                        .addProperty("field", new StringSchema())
                        .addProperty("message", new StringSchema())))
        .addProperty(
            "expected_offset",
            new IntegerSchema().format("int64").description("unexpected_offset: where to resume"))
        .required(List.of("type", "title", "status", "code"));
  }
}
