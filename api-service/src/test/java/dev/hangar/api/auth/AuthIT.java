package dev.hangar.api.auth;

import static dev.hangar.api.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.api.support.ApiClient;
import dev.hangar.api.support.ApiClient.Response;
import dev.hangar.api.support.ApiInstance;
import dev.hangar.api.support.Given;
import dev.hangar.api.support.Given.Runner;
import dev.hangar.api.support.Hangar;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
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

/**
 * README "The API", endpoint by endpoint: who may call what, and that every refusal is the right
 * problem. The endpoint table is the single list of Hangar's routes; a new route belongs in it.
 */
class AuthIT {

  private static final AtomicInteger LABELS = new AtomicInteger();

  private static Hangar hangar;
  private static ApiClient api;
  private static Given given;
  private static Fixture fixture;
  private static String cookieSession;
  private static String adminId;

  @BeforeAll
  static void start() {
    hangar = Hangar.start(1, 0, Map.of());
    api = hangar.client();
    given = new Given(api);
    adminId =
        api.post(
                "/v1/sessions",
                null,
                Map.of("username", "admin", "password", ApiInstance.ADMIN_PASSWORD))
            .expect(200)
            .json()
            .path("user")
            .path("id")
            .asString();
    fixture = Fixture.create();
  }

  @AfterAll
  static void stop() throws Exception {
    hangar.close();
  }

  private enum Caller {
    USER,
    RUNNER
  }

  /**
   * One route, with placeholders filled from a {@link Fixture}: {@code {runner}} is runner A, which
   * holds {@code {build}}; {@code {queued}} is a build nobody holds; {@code {user}} is the admin.
   */
  private record Endpoint(
      String method, String path, Caller caller, Map<String, Object> body, String answeredWith) {

    /** A route that answers 2xx with the right credentials and the fixture's data. */
    Endpoint(String method, String path, Caller caller, Map<String, Object> body) {
      this(method, path, caller, body, null);
    }

    Response send(Fixture f, Map<String, String> headers) {
      return api.sendWithHeaders(method, f.fill(path), headers, unique(body));
    }

    Response sendWithToken(Fixture f, String token) {
      return send(f, Map.of("Authorization", "Bearer " + token));
    }

    /** Logging out: the session it is sent with is gone afterwards. */
    boolean endsTheSession() {
      return method.equals("DELETE") && path.equals("/v1/sessions/current");
    }

    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  private static final List<Endpoint> ENDPOINTS =
      List.of(
          new Endpoint("GET", "/v1/sessions/current", Caller.USER, null),
          new Endpoint("DELETE", "/v1/sessions/current", Caller.USER, null),
          new Endpoint(
              "POST",
              "/v1/users",
              Caller.USER,
              Map.of("username", "{unique}", "password", "long-enough-password")),
          new Endpoint("GET", "/v1/users/{user}", Caller.USER, null),
          new Endpoint("POST", "/v1/runners/register", Caller.USER, Map.of("name", "mini")),
          new Endpoint("GET", "/v1/runners", Caller.USER, null),
          new Endpoint("GET", "/v1/runners/{runner}", Caller.USER, null),
          new Endpoint("POST", "/v1/runners/{runner}/drain", Caller.USER, null),
          new Endpoint("DELETE", "/v1/runners/{runner}", Caller.USER, null),
          new Endpoint(
              "POST",
              "/v1/projects",
              Caller.USER,
              Map.of("name", "app", "repository_url", "https://git.example.com/app.git")),
          new Endpoint("GET", "/v1/projects", Caller.USER, null),
          new Endpoint("GET", "/v1/projects/{project}", Caller.USER, null),
          new Endpoint("PATCH", "/v1/projects/{project}", Caller.USER, Map.of("name", "renamed")),
          new Endpoint("DELETE", "/v1/projects/{project}", Caller.USER, null),
          new Endpoint(
              "POST",
              "/v1/projects/{project}/pipelines",
              Caller.USER,
              Map.of("name", "p", "platform", "android", "config", Map.of())),
          new Endpoint("GET", "/v1/projects/{project}/pipelines", Caller.USER, null),
          new Endpoint("GET", "/v1/projects/{project}/builds", Caller.USER, null),
          new Endpoint("GET", "/v1/pipelines/{pipeline}", Caller.USER, null),
          new Endpoint("PATCH", "/v1/pipelines/{pipeline}", Caller.USER, Map.of("name", "renamed")),
          new Endpoint("DELETE", "/v1/pipelines/{pipeline}", Caller.USER, null),
          new Endpoint(
              "POST",
              "/v1/pipelines/{pipeline}/builds",
              Caller.USER,
              Map.of("commit_sha", "a1b2c3d", "branch", "main")),
          new Endpoint("GET", "/v1/builds/{build}", Caller.USER, null),
          new Endpoint("POST", "/v1/builds/{build}/cancel", Caller.USER, null),
          new Endpoint("POST", "/v1/builds/{build}/rerun", Caller.USER, null),
          new Endpoint("GET", "/v1/builds", Caller.USER, null),
          new Endpoint("GET", "/v1/builds/{build}/logs", Caller.USER, null),
          new Endpoint("GET", "/v1/builds/{build}/artifacts", Caller.USER, null),
          new Endpoint(
              "GET",
              "/v1/builds/{build}/artifacts/app.apk",
              Caller.USER,
              null,
              "artifact_not_found"),
          new Endpoint(
              "POST",
              "/v1/builds/{build}/artifacts/app.apk/link",
              Caller.USER,
              Map.of(),
              "artifact_not_found"),
          new Endpoint("GET", "/v1/queues", Caller.USER, null),
          new Endpoint("GET", "/v1/stats", Caller.USER, null),
          // The fixture's pipeline has no signing material: these answer with the endpoint's own
          // problem.
          new Endpoint(
              "GET",
              "/v1/pipelines/{pipeline}/android-signing",
              Caller.USER,
              null,
              "signing_not_configured"),
          new Endpoint(
              "DELETE",
              "/v1/pipelines/{pipeline}/ios-signing",
              Caller.USER,
              null,
              "signing_not_configured"),
          new Endpoint(
              "DELETE",
              "/v1/pipelines/{pipeline}/android-signing",
              Caller.USER,
              null,
              "signing_not_configured"),
          new Endpoint(
              "GET",
              "/v1/pipelines/{pipeline}/ios-signing",
              Caller.USER,
              null,
              "signing_not_configured"),
          new Endpoint(
              "PUT",
              "/v1/pipelines/{pipeline}/ios-signing",
              Caller.USER,
              Map.of("certificate_p12_base64", "AAAA"),
              "platform_mismatch"),
          new Endpoint(
              "PUT",
              "/v1/pipelines/{pipeline}/android-signing",
              Caller.USER,
              Map.of("keystore_base64", "AAAA"),
              "validation_failed"),
          new Endpoint("GET", "/v1/pipelines/{pipeline}/signing-audit", Caller.USER, null),
          new Endpoint("POST", "/v1/signing/rotate", Caller.USER, null),
          new Endpoint("PATCH", "/v1/runners/{runner}", Caller.RUNNER, Map.of("name", "renamed")),
          new Endpoint("POST", "/v1/runners/{runner}/heartbeat", Caller.RUNNER, null),
          new Endpoint("POST", "/v1/runners/{runner}/claim", Caller.RUNNER, null),
          new Endpoint("GET", "/v1/runners/{runner}/jobs/{build}", Caller.RUNNER, null),
          new Endpoint(
              "POST",
              "/v1/runners/{runner}/jobs/{build}/status",
              Caller.RUNNER,
              Map.of("status", "running")),
          new Endpoint(
              "GET",
              "/v1/runners/{runner}/jobs/{build}/android-signing",
              Caller.RUNNER,
              null,
              "signing_not_configured"),
          new Endpoint(
              "GET",
              "/v1/runners/{runner}/jobs/{build}/ios-signing",
              Caller.RUNNER,
              null,
              "platform_mismatch"));

  static Stream<Endpoint> endpoints() {
    return ENDPOINTS.stream();
  }

  static Stream<Endpoint> userEndpoints() {
    return ENDPOINTS.stream().filter(e -> e.caller() == Caller.USER);
  }

  static Stream<Endpoint> stateChangingUserEndpoints() {
    return userEndpoints().filter(e -> !e.method().equals("GET"));
  }

  static Stream<Endpoint> runnerEndpoints() {
    return ENDPOINTS.stream().filter(e -> e.caller() == Caller.RUNNER);
  }

  /** Every endpoint with every kind of credential that is not one. */
  static Stream<Arguments> endpointsWithGarbage() {
    String random = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]);
    List<String> garbage =
        List.of(
            "Bearer garbage",
            "Bearer ",
            "Bearer hgr_us_" + random,
            "Bearer hgr_rt_" + random,
            "Bearer hgr_us_",
            "Bearer hgr_rt_" + "x".repeat(5000),
            "Basic YWRtaW46dGVzdC1hZG1pbi1wYXNzd29yZA==",
            "hgr_rt_" + random);
    return ENDPOINTS.stream().flatMap(e -> garbage.stream().map(g -> Arguments.of(e, g)));
  }

  /** A project, pipeline, a build held by runner A, a queued build, and a second runner B. */
  private record Fixture(
      String project, String pipeline, String build, String queued, Runner a, Runner b) {

    static Fixture create() {
      String label = "auth" + LABELS.incrementAndGet();
      String project = given.project();
      String pipeline = given.pipeline(project, "android", List.of(label), Map.of());
      // Room for a second job, so A's own claim in the table answers 200 rather than
      // runner_at_capacity.
      Runner a = given.runner(List.of("android"), Map.of(), List.of(label), 2);
      Runner b = given.runner(List.of("android"), Map.of(), List.of(label), 1);
      String build = given.build(pipeline);
      assertThat(api.post(a.path("/claim"), a.token(), null).expect(200).text("build_id"))
          .isEqualTo(build);
      String queued = given.build(pipeline);
      return new Fixture(project, pipeline, build, queued, a, b);
    }

    String fill(String path) {
      return path.replace("{runner}", a.id())
          .replace("{user}", adminId)
          .replace("{project}", project)
          .replace("{pipeline}", pipeline)
          .replace("{build}", build)
          .replace("{queued}", queued);
    }
  }

  /**
   * The body with a fresh username where the table asks for one, so a request is refused only for
   * its credentials.
   */
  private static Map<String, Object> unique(Map<String, Object> body) {
    if (body == null || !"{unique}".equals(body.get("username"))) {
      return body;
    }
    Map<String, Object> copy = new HashMap<>(body);
    copy.put("username", "user" + LABELS.incrementAndGet());
    return copy;
  }

  // ---- the table itself is right: with the right credentials every route answers 2xx ----

  @ParameterizedTest(name = "{0}")
  @MethodSource("endpoints")
  void withTheRightCredentialsEveryEndpointAnswers(Endpoint endpoint) {
    Fixture fresh = Fixture.create();
    String token =
        endpoint.caller() == Caller.RUNNER
            ? fresh.a().token()
            : endpoint.endsTheSession() ? api.loginAdmin() : given.adminToken();

    Response response = endpoint.sendWithToken(fresh, token);

    if (endpoint.answeredWith() == null) {
      assertThat(response.status()).as("%s: %s", endpoint, response.body()).isBetween(200, 299);
    } else {
      assertThat(response.text("code"))
          .as("%s: %s", endpoint, response.body())
          .isEqualTo(endpoint.answeredWith());
    }
  }

  /**
   * Operations of the API description not in the table, each with where its access is tested: the
   * table covers every other operation, so a new endpoint cannot skip these checks unnoticed.
   */
  private static final Map<String, String> TESTED_ELSEWHERE =
      Map.of(
          "POST /v1/sessions", "anyone may log in: LoginThrottleIT, EndpointsIT",
          "POST /v1/sessions/cookie", "anyone may log in: DashboardServerIT",
          "GET /v1/artifact-links/{}", "the link is the credential: ArtifactsIT",
          "GET /v1/builds/{}/logs/stream", "an open event stream: LogsIT",
          "POST /v1/runners/{}/jobs/{}/logs", "a byte body: LogsIT, LogLeasesIT",
          "PUT /v1/runners/{}/jobs/{}/artifacts/{}",
              "a streamed body: ArtifactsIT, ArtifactLeasesIT");

  @Test
  void theTableHoldsEveryOperationOfTheApiDescription() {
    List<String> described = new ArrayList<>();
    api.get("/v3/api-docs", null)
        .expect(200)
        .json()
        .path("paths")
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .propertyNames()
                    .forEach(
                        method ->
                            described.add(
                                method.toUpperCase(Locale.ROOT) + " " + template(path.getKey()))));
    List<String> tabled =
        ENDPOINTS.stream().map(e -> e.method() + " " + template(e.path())).toList();

    assertThat(described)
        .filteredOn(operation -> !TESTED_ELSEWHERE.containsKey(operation))
        .containsExactlyInAnyOrderElementsOf(tabled);
  }

  /** A route with its variables (and the table's sample artifact name) as {@code {}}. */
  private static String template(String path) {
    return path.replaceAll("\\{[^}]*}", "{}").replace("app.apk", "{}");
  }

  // ---- 401 ----

  @ParameterizedTest(name = "{0}")
  @MethodSource("endpoints")
  void withoutATokenEveryEndpointAnswers401(Endpoint endpoint) {
    assertProblem(endpoint.send(fixture, Map.of()), 401, "unauthorized");
  }

  @ParameterizedTest(name = "{0} with {1}")
  @MethodSource("endpointsWithGarbage")
  void withAGarbageTokenEveryEndpointAnswers401(Endpoint endpoint, String authorization) {
    assertProblem(
        endpoint.send(fixture, Map.of("Authorization", authorization)), 401, "unauthorized");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("runnerEndpoints")
  void aUserSessionNeverWorksOnARunnerEndpoint(Endpoint endpoint) {
    assertProblem(endpoint.sendWithToken(fixture, given.adminToken()), 401, "unauthorized");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("userEndpoints")
  void aRunnerTokenNeverWorksOnAUserEndpoint(Endpoint endpoint) {
    assertProblem(endpoint.sendWithToken(fixture, fixture.a().token()), 401, "unauthorized");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("runnerEndpoints")
  void aDeletedRunnersTokenAnswers401(Endpoint endpoint) {
    Fixture fresh = Fixture.create();
    api.delete("/v1/runners/" + fresh.a().id(), given.adminToken()).expect(204);

    assertProblem(endpoint.sendWithToken(fresh, fresh.a().token()), 401, "unauthorized");
  }

  @Test
  void theBearerSchemeIsCaseInsensitive() {
    Response response =
        api.sendWithHeaders(
            "GET", "/v1/projects", Map.of("Authorization", "bearer " + given.adminToken()), null);

    assertThat(response.status()).isEqualTo(200);
  }

  // ---- the dashboard's session cookie ----

  @ParameterizedTest(name = "{0}")
  @MethodSource("userEndpoints")
  void theSessionCookieWorksOnEveryUserEndpointWithTheCsrfHeaderWhereItChangesSomething(
      Endpoint endpoint) {
    Fixture fresh = Fixture.create();
    Map<String, String> headers = new HashMap<>();
    headers.put(
        "Cookie",
        "hangar_session=" + (endpoint.endsTheSession() ? newCookieSession() : cookieSession()));
    if (!endpoint.method().equals("GET")) {
      headers.put("Hangar-CSRF", "1");
    }

    Response response = endpoint.send(fresh, headers);

    if (endpoint.answeredWith() == null) {
      assertThat(response.status()).as("%s: %s", endpoint, response.body()).isBetween(200, 299);
    } else {
      assertThat(response.text("code"))
          .as("%s: %s", endpoint, response.body())
          .isEqualTo(endpoint.answeredWith());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stateChangingUserEndpoints")
  void theSessionCookieWithoutTheCsrfHeaderChangesNothing(Endpoint endpoint) {
    Fixture fresh = Fixture.create();
    String before = api.get("/v1/runners/" + fresh.a().id(), given.adminToken()).body();

    assertProblem(
        endpoint.send(fresh, Map.of("Cookie", "hangar_session=" + cookieSession())),
        403,
        "csrf_required");

    assertThat(api.get("/v1/runners/" + fresh.a().id(), given.adminToken()).body())
        .as("the runner is neither drained nor removed")
        .isEqualTo(before);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("userEndpoints")
  void aRunnerTokenInTheSessionCookieIsRefused(Endpoint endpoint) {
    assertProblem(
        endpoint.send(
            fixture, Map.of("Cookie", "hangar_session=" + fixture.a().token(), "Hangar-CSRF", "1")),
        401,
        "unauthorized");
  }

  @Test
  void aBearerTokenNeedsNoCsrfHeaderAndWinsOverACookie() {
    Response response =
        api.sendWithHeaders(
            "POST",
            "/v1/projects",
            Map.of(
                "Authorization",
                "Bearer " + given.adminToken(),
                "Cookie",
                "hangar_session=hgr_us_unknown"),
            Map.of("name", "app", "repository_url", "https://git.example.com/app.git"));

    assertThat(response.status()).as(response.body()).isEqualTo(201);
  }

  /**
   * The class's session kept in the dashboard's cookie, the cookie's value. One for all tests: a
   * login costs a deliberately slow password hash.
   */
  private static String cookieSession() {
    if (cookieSession == null) {
      cookieSession = newCookieSession();
    }
    return cookieSession;
  }

  private static String newCookieSession() {
    Response login =
        api.post(
                "/v1/sessions/cookie",
                null,
                Map.of("username", "admin", "password", ApiInstance.ADMIN_PASSWORD))
            .expect(200);
    String cookie = login.header("Set-Cookie");
    assertThat(cookie).startsWith("hangar_session=hgr_us_");
    return cookie.substring("hangar_session=".length(), cookie.indexOf(';'));
  }

  // ---- 403: another user's view ----

  @Test
  void aUserWhoIsNotAnAdminSeesOnlyThemself() {
    String username = "viewer" + LABELS.incrementAndGet();
    String id =
        api.post(
                "/v1/users",
                given.adminToken(),
                Map.of("username", username, "password", "long-enough-password"))
            .expect(201)
            .text("id");
    String session =
        api.post(
                "/v1/sessions",
                null,
                Map.of("username", username, "password", "long-enough-password"))
            .expect(200)
            .text("token");

    assertThat(api.get("/v1/users/" + id, session).expect(200).text("username"))
        .isEqualTo(username);
    assertProblem(api.get("/v1/users/" + adminId, session), 403, "admin_required");
    // An unknown id is refused alike, so a user cannot tell which ids exist.
    assertProblem(api.get("/v1/users/user_aaaaaaaaaaaaaaaa", session), 403, "admin_required");
  }

  // ---- 403: another runner's endpoints and jobs ----

  @ParameterizedTest(name = "{0}")
  @MethodSource("runnerEndpoints")
  void anotherRunnersTokenIsForbidden(Endpoint endpoint) {
    assertProblem(endpoint.sendWithToken(fixture, fixture.b().token()), 403, "not_your_runner");

    assertThat(
            api.get("/v1/builds/" + fixture.build(), given.adminToken())
                .expect(200)
                .json()
                .path("runner_id")
                .asString())
        .as("the build stays with runner A")
        .isEqualTo(fixture.a().id());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "GET /jobs/{build}",
        "POST /jobs/{build}/status",
        "GET /jobs/{queued}",
        "POST /jobs/{queued}/status"
      })
  void aJobThisRunnerDoesNotHoldIsNotItsJob(String route) {
    Runner b = fixture.b();

    assertProblem(jobCall(b, route), 403, "not_your_job");

    assertThat(
            api.get("/v1/builds/" + fixture.build(), given.adminToken()).expect(200).text("status"))
        .isEqualTo("assigned");
    assertThat(
            api.get("/v1/builds/" + fixture.queued(), given.adminToken())
                .expect(200)
                .text("status"))
        .isEqualTo("queued");
  }

  static Stream<Arguments> unknownJobs() {
    List<String> ids =
        List.of(
            "build_aaaaaaaaaaaaaaaa",
            "nonsense",
            "build_",
            "BUILD_AAAAAAAAAAAAAAAA",
            "proj_aaaaaaaaaaaaaaaa",
            "build_aaaaaaaaaaaaaaaa_",
            "{build}:attempts",
            "{build}%3Aattempts",
            "%F0%9F%9A%80");
    return Stream.of("GET /jobs/", "POST /jobs/")
        .flatMap(route -> ids.stream().map(id -> Arguments.of(route, id)));
  }

  @ParameterizedTest(name = "{0}{1}")
  @MethodSource("unknownJobs")
  void anUnknownOrMalformedJobIdIsNotFound(String route, String id) {
    String call = route + id + (route.startsWith("POST") ? "/status" : "");

    assertProblem(jobCall(fixture.a(), call), 404, "job_not_found");
  }

  private static Response jobCall(Runner runner, String route) {
    String[] parts = route.split(" ", 2);
    String path = runner.path(fixture.fill(parts[1]));
    return parts[0].equals("GET")
        ? api.get(path, runner.token())
        : api.post(path, runner.token(), Map.of("status", "running"));
  }
}
