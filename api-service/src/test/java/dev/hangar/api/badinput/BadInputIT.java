package dev.hangar.api.badinput;

import static dev.hangar.api.support.Problems.assertProblem;
import static dev.hangar.api.support.Problems.errorFields;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.api.support.ApiClient;
import dev.hangar.api.support.ApiClient.Response;
import dev.hangar.api.support.Given;
import dev.hangar.api.support.Given.Runner;
import dev.hangar.api.support.Hangar;
import dev.hangar.api.support.LoggedWarnings;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * README "The API": bad input of every kind, on every endpoint that takes it, is a 4xx problem+json
 * whose {@code detail} names the field, never a 5xx. User requests refuse unknown fields; runner
 * requests ignore them.
 */
class BadInputIT {

  private static final int MIB = 1024 * 1024;
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final AtomicInteger UNIQUE = new AtomicInteger();

  private static Hangar hangar;
  private static ApiClient api;
  private static Given given;
  private static String admin;
  private static String project;
  private static String pipeline;

  /**
   * iOS signing may only be uploaded to an iOS or macOS pipeline; elsewhere it is refused before
   * its body is read.
   */
  private static String iosPipeline;

  private static String build;
  private static Runner runner;

  @BeforeAll
  static void start() {
    // A long lease, so the build the runner holds cannot lapse while the tests poke at it.
    hangar = Hangar.start(1, 0, Map.of("hangar.lease-ttl", "10m"));
    api = hangar.client();
    given = new Given(api);
    admin = given.adminToken();
    project = given.project();
    pipeline = given.pipeline(project, "android", List.of("badinput"), Map.of());
    iosPipeline = given.pipeline(project, "ios", List.of("badinput"), Map.of());
    runner = given.runner(List.of("android"), Map.of(), List.of("badinput"), 1);
    build = given.build(pipeline);
    api.post(runner.path("/claim"), runner.token(), null).expect(200);
    api.post(runner.path("/jobs/" + build + "/status"), runner.token(), Map.of("status", "running"))
        .expect(200);
  }

  @AfterAll
  static void stop() throws Exception {
    hangar.close();
  }

  private enum Caller {
    NOBODY,
    USER,
    RUNNER;

    String token() {
      return switch (this) {
        case NOBODY -> null;
        case USER -> admin;
        case RUNNER -> runner.token();
      };
    }
  }

  /** An endpoint that takes a body, a body it accepts, and the fields it cannot do without. */
  private record BodyEndpoint(
      String name,
      String method,
      String path,
      Caller caller,
      Map<String, Object> valid,
      List<String> required) {

    String url() {
      return path.replace("{runner}", runner.id())
          .replace("{project}", project)
          .replace("{ios-pipeline}", iosPipeline)
          .replace("{pipeline}", pipeline)
          .replace("{build}", build);
    }

    /** The valid body, with a fresh username where one must be unique. */
    Map<String, Object> validBody() {
      Map<String, Object> body = new HashMap<>(valid);
      if (name.equals("create user")) {
        body.put("username", "user" + UNIQUE.incrementAndGet());
      }
      return body;
    }

    Response send(Object body) {
      return api.send(method, url(), caller.token(), body, "application/json");
    }

    Response send(Object body, String contentType) {
      return api.send(method, url(), caller.token(), body, contentType);
    }

    boolean strict() {
      return caller != Caller.RUNNER;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private static final List<BodyEndpoint> ENDPOINTS =
      List.of(
          new BodyEndpoint(
              "login",
              "POST",
              "/v1/sessions",
              Caller.NOBODY,
              Map.of("username", "admin", "password", "test-admin-password"),
              List.of("username", "password")),
          new BodyEndpoint(
              "login with a cookie",
              "POST",
              "/v1/sessions/cookie",
              Caller.NOBODY,
              Map.of("username", "admin", "password", "test-admin-password"),
              List.of("username", "password")),
          new BodyEndpoint(
              "create user",
              "POST",
              "/v1/users",
              Caller.USER,
              Map.of("username", "u", "password", "long-enough-password"),
              List.of("username", "password")),
          new BodyEndpoint(
              "register runner",
              "POST",
              "/v1/runners/register",
              Caller.USER,
              Map.of("name", "mini", "capabilities", Map.of("platforms", List.of("ios"))),
              List.of()),
          new BodyEndpoint(
              "update runner",
              "PATCH",
              "/v1/runners/{runner}",
              Caller.RUNNER,
              Map.of("name", "badinput-runner"),
              List.of()),
          new BodyEndpoint(
              "report status",
              "POST",
              "/v1/runners/{runner}/jobs/{build}/status",
              Caller.RUNNER,
              Map.of("status", "running"),
              List.of("status")),
          new BodyEndpoint(
              "create project",
              "POST",
              "/v1/projects",
              Caller.USER,
              Map.of("name", "app", "repository_url", "https://git.example.com/app.git"),
              List.of("name", "repository_url")),
          new BodyEndpoint(
              "create pipeline",
              "POST",
              "/v1/projects/{project}/pipelines",
              Caller.USER,
              Map.of("name", "p", "platform", "web", "config", Map.of()),
              List.of("name", "platform")),
          new BodyEndpoint(
              "create build",
              "POST",
              "/v1/pipelines/{pipeline}/builds",
              Caller.USER,
              Map.of("commit_sha", "a1b2c3d", "branch", "main"),
              List.of("commit_sha", "branch")));

  /**
   * The signing uploads read a body too. A body they accept needs real key material (SigningIT), so
   * they join only the tests whose body is refused before it is read.
   */
  private static final List<BodyEndpoint> SIGNING_UPLOADS =
      List.of(
          new BodyEndpoint(
              "upload android signing",
              "PUT",
              "/v1/pipelines/{pipeline}/android-signing",
              Caller.USER,
              Map.of(
                  "keystore_base64",
                  "AAAA",
                  "keystore_password",
                  "secret",
                  "key_alias",
                  "upload",
                  "key_password",
                  "secret"),
              List.of()),
          new BodyEndpoint(
              "upload ios signing",
              "PUT",
              "/v1/pipelines/{ios-pipeline}/ios-signing",
              Caller.USER,
              Map.of(
                  "team_id",
                  "ABCDE12345",
                  "certificate_p12_base64",
                  "AAAA",
                  "certificate_password",
                  ""),
              List.of()));

  static Stream<BodyEndpoint> endpoints() {
    return ENDPOINTS.stream();
  }

  static Stream<BodyEndpoint> everyEndpointThatReadsABody() {
    return Stream.concat(ENDPOINTS.stream(), SIGNING_UPLOADS.stream());
  }

  static Stream<BodyEndpoint> strictEndpoints() {
    return ENDPOINTS.stream().filter(BodyEndpoint::strict);
  }

  static Stream<BodyEndpoint> tolerantEndpoints() {
    return ENDPOINTS.stream().filter(e -> !e.strict());
  }

  static Stream<BodyEndpoint> endpointsWithRequiredFields() {
    return ENDPOINTS.stream().filter(e -> !e.required().isEmpty());
  }

  private static BodyEndpoint endpoint(String name) {
    return ENDPOINTS.stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
  }

  // ---- the table is right: each valid body is accepted ----

  @ParameterizedTest(name = "{0}")
  @MethodSource("endpoints")
  void theValidBodyIsAccepted(BodyEndpoint endpoint) {
    Response response = endpoint.send(endpoint.validBody());

    assertThat(response.status()).as("%s: %s", endpoint, response.body()).isBetween(200, 201);
  }

  // ---- malformed JSON ----

  /**
   * Broken variants of each endpoint's valid body, so the only fault is the syntax: a strict
   * endpoint would otherwise report an unknown field before it reached the broken part.
   */
  static Stream<Arguments> malformedBodies() {
    return ENDPOINTS.stream()
        .flatMap(
            e -> {
              Map<String, Object> valid = e.validBody();
              String json = JSON.writeValueAsString(valid);
              String first = valid.keySet().iterator().next();
              List<String> bodies =
                  List.of(
                      json.substring(0, json.length() - 1),
                      json + " {}",
                      json.substring(0, json.length() - 1) + ",}",
                      "{\""
                          + first
                          + "\": "
                          + JSON.writeValueAsString(valid.get(first))
                          + ", "
                          + json.substring(1),
                      json.replace('"', '\''),
                      json.replace("\"" + first + "\"", first),
                      "{",
                      "not json at all");
              return bodies.stream().map(b -> Arguments.of(e, b));
            });
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("malformedBodies")
  void malformedJsonIsRefused(BodyEndpoint endpoint, String body) {
    assertProblem(endpoint.send(body), 400, "malformed_json");
  }

  static Stream<Arguments> bodiesThatAreNotObjects() {
    List<String> bodies = List.of("[]", "[{\"name\": \"x\"}]", "\"text\"", "42", "true", "null");
    return ENDPOINTS.stream().flatMap(e -> bodies.stream().map(b -> Arguments.of(e, b)));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("bodiesThatAreNotObjects")
  void aBodyThatIsNotAnObjectIsRefused(BodyEndpoint endpoint, String body) {
    JsonNode problem = assertProblem(endpoint.send(body), 400, "validation_failed");

    assertThat(errorFields(problem)).containsExactly("body");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("endpoints")
  void anEmptyBodyIsRefusedWhereOneIsNeeded(BodyEndpoint endpoint) {
    Response response =
        api.send(
            endpoint.method(), endpoint.url(), endpoint.caller().token(), "", "application/json");

    if (endpoint.name().equals("register runner")) {
      // The one optional body (README: {name?, capabilities?}); the runner can fill itself in
      // later.
      response.expect(200);
    } else {
      assertThat(errorFields(assertProblem(response, 400, "validation_failed")))
          .containsExactly("body");
    }
  }

  // ---- wrong types ----

  static Stream<Arguments> wrongTypes() {
    return Stream.of(
        wrong("login", Map.of("username", 123, "password", "long-enough-password"), "username"),
        wrong("login", Map.of("username", "admin", "password", List.of("a")), "password"),
        wrong(
            "create user",
            Map.of("username", "someone", "password", "long-enough-password", "admin", "yes"),
            "admin"),
        wrong(
            "create user",
            Map.of("username", "someone", "password", "long-enough-password", "admin", 1),
            "admin"),
        wrong(
            "create user",
            Map.of("username", true, "password", "long-enough-password"),
            "username"),
        wrong("create user", Map.of("username", "someone", "password", 12345678), "password"),
        wrong("register runner", Map.of("name", 42), "name"),
        wrong("register runner", Map.of("capabilities", "big"), "capabilities"),
        wrong(
            "register runner",
            Map.of("capabilities", Map.of("capacity", "two")),
            "capabilities.capacity"),
        wrong(
            "register runner",
            Map.of("capabilities", Map.of("capacity", 1.5)),
            "capabilities.capacity"),
        wrong(
            "register runner",
            Map.of("capabilities", Map.of("platforms", "ios")),
            "capabilities.platforms"),
        wrong(
            "register runner",
            Map.of("capabilities", Map.of("platforms", List.of(0))),
            "capabilities.platforms"),
        wrong(
            "register runner",
            Map.of("capabilities", Map.of("labels", "m2")),
            "capabilities.labels"),
        wrong(
            "register runner",
            Map.of("capabilities", Map.of("tools", Map.of("flutter", 3.27))),
            "capabilities.tools.flutter"),
        wrong(
            "update runner",
            Map.of("capabilities", Map.of("capacity", "two")),
            "capabilities.capacity"),
        wrong(
            "update runner",
            Map.of("capabilities", Map.of("platforms", "ios")),
            "capabilities.platforms"),
        wrong("update runner", Map.of("name", List.of("x")), "name"),
        wrong("update runner", Map.of("name", 7), "name"),
        wrong("update runner", Map.of("status", 3), "status"),
        wrong("report status", Map.of("status", "running", "exit_code", "zero"), "exit_code"),
        wrong("report status", Map.of("status", "running", "attempt", "1"), "attempt"),
        wrong("report status", Map.of("status", "running", "message", 42), "message"),
        wrong(
            "report status",
            Map.of("status", "running", "progress", Map.of("percent", "half")),
            "progress.percent"),
        wrong("report status", Map.of("status", "running", "progress", "half"), "progress"),
        wrong(
            "report status",
            Map.of("status", "running", "steps", Map.of("name", "build")),
            "steps"),
        wrong(
            "report status",
            Map.of(
                "status",
                "running",
                "steps",
                List.of(Map.of("name", "build", "duration_ms", "long"))),
            "steps[0].duration_ms"),
        wrong("report status", Map.of("status", 2), "status"),
        wrong(
            "create project",
            Map.of("name", 42, "repository_url", "https://git.example.com/app.git"),
            "name"),
        wrong(
            "create project",
            Map.of("name", "app", "repository_url", List.of("https://git.example.com/app.git")),
            "repository_url"),
        wrong("create project", project("retention_days", "30"), "retention_days"),
        wrong("create project", project("retention_days", 1.5), "retention_days"),
        wrong("create project", project("retention_days", List.of(30)), "retention_days"),
        wrong("create project", project("retention_days", true), "retention_days"),
        wrong("create project", project("retention_days", 1L << 40), "retention_days"),
        wrong("create pipeline", Map.of("name", "p", "platform", List.of("ios")), "platform"),
        wrong("create pipeline", Map.of("name", "p", "platform", 1), "platform"),
        wrong("create pipeline", Map.of("name", "p", "platform", "ios", "labels", "m2"), "labels"),
        wrong(
            "create pipeline",
            Map.of("name", "p", "platform", "ios", "tools", Map.of("xcode", 16)),
            "tools.xcode"),
        wrong(
            "create pipeline",
            Map.of("name", "p", "platform", "ios", "config", "release"),
            "config"),
        wrong("create build", Map.of("commit_sha", 123, "branch", "main"), "commit_sha"),
        wrong("create build", Map.of("commit_sha", 1234567, "branch", "main"), "commit_sha"),
        wrong("create build", Map.of("commit_sha", "a1b2c3d", "branch", true), "branch"),
        wrong(
            "create build",
            Map.of("commit_sha", "a1b2c3d", "branch", "main", "priority", "urgent"),
            "priority"),
        wrong(
            "create build",
            Map.of("commit_sha", "a1b2c3d", "branch", "main", "priority", 0),
            "priority"));
  }

  /** A valid project body with one more field. */
  private static Map<String, Object> project(String field, Object value) {
    return Map.of("name", "app", "repository_url", "https://git.example.com/app.git", field, value);
  }

  private static Arguments wrong(String endpoint, Map<String, Object> body, String field) {
    return Arguments.of(endpoint(endpoint), body, field);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("wrongTypes")
  void aWrongTypeIsRefusedNamingTheField(
      BodyEndpoint endpoint, Map<String, Object> body, String field) {
    JsonNode problem = assertProblem(endpoint.send(body), 400, "validation_failed");

    assertThat(problem.path("detail").asString()).contains(field);
    assertThat(errorFields(problem)).anySatisfy(f -> assertThat(f).startsWith(field));
    assertHeldBuildUntouched(endpoint);
  }

  // ---- unknown fields: refused from people, ignored from runners ----

  @ParameterizedTest(name = "{0}")
  @MethodSource("strictEndpoints")
  void anUnknownFieldIsRefusedOnAUserEndpoint(BodyEndpoint endpoint) {
    Map<String, Object> body = endpoint.validBody();
    body.put("colour", "red");

    JsonNode problem = assertProblem(endpoint.send(body), 400, "unknown_field");

    assertThat(problem.path("detail").asString()).contains("colour");
  }

  @Test
  void aNestedUnknownFieldIsRefusedNamingItsPath() {
    JsonNode problem =
        assertProblem(
            endpoint("register runner")
                .send(Map.of("capabilities", Map.of("platforms", List.of("ios"), "colour", "red"))),
            400,
            "unknown_field");

    assertThat(problem.path("detail").asString()).contains("capabilities.colour");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tolerantEndpoints")
  void anUnknownFieldIsIgnoredOnARunnerEndpoint(BodyEndpoint endpoint) {
    Map<String, Object> body = endpoint.validBody();
    body.put("colour", "red");
    body.put("future_feature", Map.of("nested", List.of(1, 2, 3)));

    endpoint.send(body).expect(200);
  }

  @Test
  void aRunnerUpdateWithUnknownFieldsStillAppliesTheKnownOnes() {
    JsonNode view =
        api.patch(
                runner.path(""),
                runner.token(),
                Map.of(
                    "name",
                    "tolerant",
                    "colour",
                    "red",
                    "capabilities",
                    Map.of(
                        "platforms",
                        List.of("android"),
                        "labels",
                        List.of("badinput"),
                        "gpu",
                        "m2")))
            .expect(200)
            .json();

    assertThat(view.path("name").asString()).isEqualTo("tolerant");
    assertThat(view.path("capabilities").has("gpu")).isFalse();
  }

  // ---- unknown platforms and statuses, numbers out of range ----

  static Stream<Arguments> unknownEnumValues() {
    return Stream.of(
        wrong(
            "register runner",
            Map.of("capabilities", Map.of("platforms", List.of("android", "symbian"))),
            "capabilities.platforms"),
        wrong(
            "update runner",
            Map.of("capabilities", Map.of("platforms", List.of("symbian"))),
            "capabilities.platforms"),
        wrong("create project", project("retention_days", 0), "retention_days"),
        wrong("create project", project("retention_days", -30), "retention_days"),
        wrong("create project", project("retention_days", 3651), "retention_days"),
        wrong("create pipeline", Map.of("name", "p", "platform", "symbian"), "platform"),
        wrong("create pipeline", Map.of("name", "p", "platform", "Android"), "platform"),
        wrong("report status", Map.of("status", "queued"), "status"),
        wrong("report status", Map.of("status", "assigned"), "status"),
        wrong("report status", Map.of("status", "done"), "status"),
        wrong("report status", Map.of("status", ""), "status"),
        wrong("update runner", Map.of("status", "busy"), "status"),
        wrong("update runner", Map.of("status", "offline"), "status"),
        wrong("update runner", Map.of("status", "paused"), "status"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("unknownEnumValues")
  void anUnknownOrForbiddenValueIsRefusedNamingTheField(
      BodyEndpoint endpoint, Map<String, Object> body, String field) {
    JsonNode problem = assertProblem(endpoint.send(body), 400, "validation_failed");

    assertThat(problem.path("detail").asString()).contains(field);
    assertThat(errorFields(problem)).anySatisfy(f -> assertThat(f).startsWith(field));
    assertHeldBuildUntouched(endpoint);
  }

  /**
   * A refused report changes nothing: the build still runs with its runner, and no report's fields
   * stuck.
   */
  private static void assertHeldBuildUntouched(BodyEndpoint endpoint) {
    if (!endpoint.name().equals("report status")) {
      return;
    }
    JsonNode view = api.get("/v1/builds/" + build, admin).expect(200).json();
    assertThat(view.path("status").asString()).isEqualTo("running");
    assertThat(view.path("runner_id").asString()).isEqualTo(runner.id());
    assertThat(view.path("exit_code").isNull()).isTrue();
    assertThat(view.path("message").isNull()).isTrue();
  }

  // ---- missing required fields ----

  @ParameterizedTest(name = "{0}")
  @MethodSource("endpointsWithRequiredFields")
  void missingRequiredFieldsAreAllNamed(BodyEndpoint endpoint) {
    JsonNode problem = assertProblem(endpoint.send(Map.of()), 400, "validation_failed");

    assertThat(errorFields(problem)).containsAll(endpoint.required());
    for (String field : endpoint.required()) {
      assertThat(problem.path("detail").asString()).contains(field);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("endpointsWithRequiredFields")
  void anExplicitNullOrBlankIsMissing(BodyEndpoint endpoint) {
    Map<String, Object> body = endpoint.validBody();
    String field = endpoint.required().getFirst();
    body.put(field, null);
    assertThat(errorFields(assertProblem(endpoint.send(body), 400, "validation_failed")))
        .contains(field);

    body.put(field, "   ");
    assertThat(errorFields(assertProblem(endpoint.send(body), 400, "validation_failed")))
        .contains(field);
  }

  // ---- text that is not well-formed Unicode ----

  /** Stands where a test body gets the JSON escape of a surrogate without its partner. */
  private static final String LONE = "@lone-surrogate@";

  /**
   * Every kind of free text a client sends, with {@link #LONE} in it, and the field a refusal must
   * name.
   */
  static Stream<Arguments> textFields() {
    return Stream.of(
        text(
            "login",
            "username",
            Map.of("username", "ad" + LONE + "min", "password", "test-admin-password")),
        text(
            "login",
            "password",
            Map.of("username", "admin", "password", "test-admin-password" + LONE)),
        text(
            "create user",
            "username",
            Map.of("username", "u" + LONE, "password", "long-enough-password")),
        text(
            "create user",
            "password",
            Map.of("username", "lone-surrogate", "password", "long-enough-password" + LONE)),
        text("register runner", "name", Map.of("name", "mini" + LONE)),
        text(
            "register runner",
            "capabilities.labels[0]",
            Map.of("capabilities", Map.of("labels", List.of("m2" + LONE)))),
        text("update runner", "name", Map.of("name", "mini" + LONE)),
        text(
            "report status", "message", Map.of("status", "running", "message", "compiling" + LONE)),
        text(
            "report status",
            "progress.step",
            Map.of("status", "running", "progress", Map.of("step", "flutter build" + LONE))),
        text(
            "report status",
            "steps[0].name",
            Map.of("status", "running", "steps", List.of(Map.of("name", "flutter build" + LONE)))),
        text(
            "report status",
            "steps[0].status",
            Map.of(
                "status",
                "running",
                "steps",
                List.of(Map.of("name", "flutter build", "status", "ok" + LONE)))),
        text(
            "create project",
            "name",
            Map.of("name", "app" + LONE, "repository_url", "https://git.example.com/app.git")),
        text(
            "create project",
            "repository_url",
            Map.of("name", "app", "repository_url", "https://git.example.com/app" + LONE + ".git")),
        text("create pipeline", "name", Map.of("name", "release" + LONE, "platform", "web")),
        text(
            "create pipeline",
            "config.flavor",
            Map.of(
                "name", "release", "platform", "web", "config", Map.of("flavor", "prod" + LONE))),
        text(
            "create build", "branch", Map.of("commit_sha", "a1b2c3d", "branch", "feature/" + LONE)),
        text(
            "upload android signing",
            "key_alias",
            Map.of(
                "keystore_base64",
                "AAAA",
                "keystore_password",
                "secret",
                "key_alias",
                "upload" + LONE,
                "key_password",
                "secret")),
        text(
            "upload ios signing",
            "profiles[0].bundle_id",
            Map.of(
                "team_id",
                "ABCDE12345",
                "certificate_p12_base64",
                "AAAA",
                "certificate_password",
                "",
                "profiles",
                List.of(Map.of("bundle_id", "com.example" + LONE, "profile_base64", "AAAA")))));
  }

  private static Arguments text(String endpoint, String field, Map<String, Object> body) {
    BodyEndpoint target =
        everyEndpointThatReadsABody()
            .filter(e -> e.name().equals(endpoint))
            .findFirst()
            .orElseThrow();
    return Arguments.of(target, field, body);
  }

  /**
   * A high surrogate alone, a low one alone, and the two in the wrong order: none is a character.
   */
  static Stream<Arguments> loneSurrogates() {
    List<String> escapes = List.of("\\ud800", "\\udc00", "\\udc00\\ud800");
    return textFields()
        .flatMap(
            t ->
                escapes.stream()
                    .map(escape -> Arguments.of(t.get()[0], t.get()[1], t.get()[2], escape)));
  }

  /** Stored, such text would silently become '?': UTF-8, and so Redis, has no way to hold it. */
  @ParameterizedTest(name = "{0}: {1} with {3}")
  @MethodSource("loneSurrogates")
  void aLoneSurrogateIsRefusedNamingTheField(
      BodyEndpoint endpoint, String field, Map<String, Object> body, String escape) {
    String json = JSON.writeValueAsString(body).replace(LONE, escape);

    JsonNode problem = assertProblem(endpoint.send(json), 400, "validation_failed");

    assertThat(errorFields(problem)).contains(field);
    assertThat(problem.path("detail").asString()).contains(field);
    assertHeldBuildUntouched(endpoint);
  }

  @Test
  void aCharacterOutsideTheBasicPlaneSentAsAPairOfEscapesIsKeptIntact() {
    String json = "{\"name\": \"mini \\ud83d\\ude80\"}";

    String id = endpoint("register runner").send(json).expect(200).text("id");

    assertThat(api.get("/v1/runners/" + id, admin).expect(200).text("name"))
        .isEqualTo("mini " + Character.toString(0x1F680));
  }

  // ---- size and content type ----

  private static byte[] jsonOfSize(int size) {
    String head = "{\"name\":\"x\",\"pad\":\"";
    String tail = "\"}";
    return (head + "a".repeat(size - head.length() - tail.length()) + tail)
        .getBytes(StandardCharsets.UTF_8);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("endpoints")
  void aBodyOverOneMebibyteIsRefusedByItsContentLength(BodyEndpoint endpoint) {
    assertProblem(endpoint.send(jsonOfSize(MIB + 1)), 413, "payload_too_large");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("endpoints")
  void aChunkedBodyOverOneMebibyteIsRefusedWhileReading(BodyEndpoint endpoint) {
    Response response =
        api.sendChunked(
            endpoint.method(),
            endpoint.url(),
            endpoint.caller().token(),
            jsonOfSize(MIB + 64 * 1024),
            "application/json");

    assertProblem(response, 413, "payload_too_large");
  }

  @Test
  void aBodyOfExactlyOneMebibyteIsRead() {
    // The runner endpoint ignores the padding field, so the body is read to the end and accepted.
    endpoint("update runner").send(jsonOfSize(MIB)).expect(200);
    api.sendChunked("PATCH", runner.path(""), runner.token(), jsonOfSize(MIB), "application/json")
        .expect(200);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyEndpointThatReadsABody")
  void aFormEncodedBodyIsAnUnsupportedMediaType(BodyEndpoint endpoint) {
    assertProblem(
        endpoint.send("name=x&platform=ios", "application/x-www-form-urlencoded"),
        415,
        "unsupported_media_type");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyEndpointThatReadsABody")
  void aPlainTextBodyIsAnUnsupportedMediaType(BodyEndpoint endpoint) {
    assertProblem(endpoint.send("{\"name\": \"x\"}", "text/plain"), 415, "unsupported_media_type");
  }

  static Stream<Arguments> malformedContentTypes() {
    List<String> contentTypes =
        List.of(
            "garbage",
            "application/",
            ";",
            "multipart/form-data; boundary=",
            "application/json; charset=bogus");
    return everyEndpointThatReadsABody()
        .flatMap(e -> contentTypes.stream().map(type -> Arguments.of(e, type)));
  }

  /**
   * Anyone can send these, without a session: each must cost one quiet answer, not a stack trace in
   * the log.
   */
  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("malformedContentTypes")
  void aMalformedContentTypeIsAnUnsupportedMediaTypeAndLogsNothing(
      BodyEndpoint endpoint, String contentType) {
    try (LoggedWarnings log = LoggedWarnings.capture()) {
      assertProblem(
          endpoint.send(endpoint.validBody(), contentType), 415, "unsupported_media_type");

      assertThat(log.lines()).isEmpty();
    }
  }

  @Test
  void jsonWithACharsetOrAJsonSuffixIsAccepted() {
    endpoint("update runner")
        .send(Map.of("name", "charset"), "application/json; charset=utf-8")
        .expect(200);
    endpoint("update runner")
        .send(Map.of("name", "merge-patch"), "application/merge-patch+json")
        .expect(200);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"application/xml", "text/html", "text/plain"})
  void aClientThatTakesNoJsonGetsNotAcceptable(String accept) {
    Response response =
        api.sendWithHeaders(
            "GET",
            "/v1/projects",
            Map.of("Authorization", "Bearer " + admin, "Accept", accept),
            null);

    assertProblem(response, 406, "not_acceptable");
  }

  // ---- paths Tomcat refuses before Spring sees them ----

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "/v1/runners/a%2Fb/claim",
        "/v1/builds/a%5Cb",
        "/v1/builds/%2e%2e%2F%2e%2e%2Fsecrets"
      })
  void aPathTomcatRefusesIsAProblemToo(String path) {
    assertProblem(api.post(path, runner.token(), null), 400, "malformed_request");
  }

  // ---- query parameters ----

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "status=bogus",
        "status=QUEUED",
        "status=queued,running",
        "limit=0",
        "limit=-1",
        "limit=501",
        "limit=abc",
        "limit=1.5"
      })
  void aBadBuildListParameterIsRefusedNamingIt(String query) {
    JsonNode problem =
        assertProblem(
            api.get("/v1/projects/" + project + "/builds?" + query, admin),
            400,
            "validation_failed");

    String parameter = query.substring(0, query.indexOf('='));
    assertThat(problem.path("detail").asString()).contains(parameter);
    assertThat(errorFields(problem)).containsExactly(parameter);
  }

  // ---- ids and routes ----

  static Stream<Arguments> unknownIds() {
    return Stream.of(
        Arguments.of("GET", "/v1/builds/nonsense", "build_not_found"),
        Arguments.of("GET", "/v1/builds/build_aaaaaaaaaaaaaaaa", "build_not_found"),
        Arguments.of("GET", "/v1/builds/{build}:attempts", "build_not_found"),
        Arguments.of("POST", "/v1/builds/nonsense/cancel", "build_not_found"),
        Arguments.of("POST", "/v1/builds/{build}:attempts/cancel", "build_not_found"),
        Arguments.of("GET", "/v1/projects/nonsense", "project_not_found"),
        Arguments.of("GET", "/v1/projects/{pipeline}", "project_not_found"),
        Arguments.of("GET", "/v1/projects/{project}:builds", "project_not_found"),
        Arguments.of("GET", "/v1/projects/nonsense/pipelines", "project_not_found"),
        Arguments.of("GET", "/v1/projects/nonsense/builds", "project_not_found"),
        Arguments.of("POST", "/v1/projects/nonsense/pipelines", "project_not_found"),
        Arguments.of("POST", "/v1/pipelines/nonsense/builds", "pipeline_not_found"),
        Arguments.of("POST", "/v1/pipelines/{project}/builds", "pipeline_not_found"),
        Arguments.of("GET", "/v1/runners/nonsense", "runner_not_found"),
        Arguments.of("GET", "/v1/runners/{runner}:jobs", "runner_not_found"),
        Arguments.of("DELETE", "/v1/runners/nonsense", "runner_not_found"),
        Arguments.of("DELETE", "/v1/runners/{runner}:jobs", "runner_not_found"),
        Arguments.of("GET", "/v1/users/nonsense", "user_not_found"),
        Arguments.of("GET", "/v1/users/user_aaaaaaaaaaaaaaaa", "user_not_found"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("unknownIds")
  void anUnknownOrMalformedIdIsNotFound(String method, String path, String code) {
    String url =
        path.replace("{runner}", runner.id())
            .replace("{project}", project)
            .replace("{pipeline}", pipeline)
            .replace("{build}", build);
    Object body =
        url.endsWith("/pipelines")
            ? Map.of("name", "p", "platform", "web")
            : url.endsWith("/builds") ? Map.of("commit_sha", "a1b2c3d", "branch", "main") : null;

    assertProblem(api.send(method, url, admin, body, "application/json"), 404, code);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("unknownRoutes")
  void anUnknownRouteIsNotFound(String method, String path) {
    assertProblem(api.send(method, path, admin, null, "application/json"), 404, "not_found");
  }

  static Stream<Arguments> unknownRoutes() {
    return Stream.of(
        Arguments.of("GET", "/v1/nope"),
        Arguments.of("GET", "/nope"),
        Arguments.of("GET", "/v2/projects"),
        Arguments.of(
            "POST", "/v1/runners/{runner}/nope".replace("{runner}", "runner_aaaaaaaaaaaaaaaa")),
        Arguments.of("GET", "/v1/projects/x/y/z"));
  }

  static Stream<Arguments> wrongMethods() {
    return Stream.of(
        Arguments.of("PUT", "/v1/projects"),
        Arguments.of("DELETE", "/v1/projects"),
        Arguments.of("GET", "/v1/sessions"),
        Arguments.of("GET", "/v1/users"),
        Arguments.of("PUT", "/v1/builds/build_aaaaaaaaaaaaaaaa"),
        Arguments.of("GET", "/v1/runners/runner_aaaaaaaaaaaaaaaa/claim"),
        Arguments.of("GET", "/v1/runners/runner_aaaaaaaaaaaaaaaa/heartbeat"),
        Arguments.of(
            "PUT", "/v1/runners/runner_aaaaaaaaaaaaaaaa/jobs/build_aaaaaaaaaaaaaaaa/status"),
        Arguments.of("PROPFIND", "/v1/projects"),
        Arguments.of("FOO", "/v1/builds/build_aaaaaaaaaaaaaaaa"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("wrongMethods")
  void aWrongMethodIsNotAllowed(String method, String path) {
    Response response = api.send(method, path, admin, null, "application/json");

    assertProblem(response, 405, "method_not_allowed");
    assertThat(response.header("Allow")).as("RFC 9110 requires Allow on a 405").isNotEmpty();
  }

  /**
   * Tomcat refuses TRACE on every path before any endpoint is looked for, so even an unknown one is
   * a 405.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "/v1/projects",
        "/v1/runners/runner_aaaaaaaaaaaaaaaa/claim",
        "/v1/nope",
        "/actuator/health"
      })
  void traceIsNotAllowedAndEchoesNothing(String path) {
    Response response = api.send("TRACE", path, admin, null, "application/json");

    assertProblem(response, 405, "method_not_allowed");
    assertThat(response.header("Allow"))
        .as("RFC 9110 requires Allow on a 405")
        .isNotEmpty()
        .doesNotContain("TRACE");
    assertThat(response.body()).doesNotContain(admin);
  }
}
