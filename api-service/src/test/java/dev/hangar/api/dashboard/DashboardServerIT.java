package dev.hangar.api.dashboard;

import static dev.hangar.api.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.api.support.ApiClient;
import dev.hangar.api.support.ApiClient.Response;
import dev.hangar.api.support.ApiInstance;
import dev.hangar.api.support.Given;
import dev.hangar.api.support.Hangar;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the dashboard needs of the server, without a browser: its page and files, the session kept
 * in a cookie, and the operator's drain.
 */
class DashboardServerIT {

  private static final Map<String, String> ADMIN =
      Map.of("username", "admin", "password", ApiInstance.ADMIN_PASSWORD);

  private static Hangar hangar;
  private static ApiClient api;
  private static Given given;

  @BeforeAll
  static void start() {
    hangar = Hangar.start(1, 0, Map.of());
    api = hangar.client();
    given = new Given(api);
  }

  @AfterAll
  static void stop() throws Exception {
    hangar.close();
  }

  @Test
  void thePageIsServedToAnyoneAndRunsOnlyItsOwnScripts() {
    Response page = api.get("/", null).expect(200);

    assertThat(page.contentType()).startsWith("text/html");
    assertThat(page.body()).contains("/dashboard/app.js");
    assertThat(page.header("Content-Security-Policy"))
        .contains("script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'");
    assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
    Response script = api.get("/dashboard/app.js", null).expect(200);
    assertThat(script.contentType()).contains("javascript");
    assertThat(script.header("Cache-Control")).isEqualTo("no-cache");
  }

  @Test
  void aFileTheDashboardDoesNotHaveIsAProblem() {
    assertProblem(api.get("/dashboard/nothing-here.js", null), 404, "not_found");
  }

  @Test
  void theCookieLoginKeepsTheTokenOutOfTheAnswerAndOutOfScripts() {
    Response login = api.post("/v1/sessions/cookie", null, ADMIN).expect(200);

    assertThat(login.json().has("token")).isFalse();
    assertThat(login.json().path("user").path("username").asString()).isEqualTo("admin");
    assertThat(login.json().path("expires_at").asLong()).isPositive();
    String cookie = login.header("Set-Cookie");
    assertThat(cookie)
        .startsWith("hangar_session=hgr_us_")
        .contains("; Path=/v1", "; HttpOnly", "; SameSite=Strict", "; Max-Age=43200")
        .as("not Secure over plain http unless a setting says so")
        .doesNotContain("Secure");
  }

  @Test
  void theCookieIsSecureAlwaysWhenTheSettingSaysSo() {
    try (ApiInstance behindTlsProxy =
        ApiInstance.start(hangar.namespace(), Map.of("hangar.session-cookie-secure", "always"))) {
      Response login = behindTlsProxy.client().post("/v1/sessions/cookie", null, ADMIN);

      assertThat(login.expect(200).header("Set-Cookie")).contains("; Secure");
    }
  }

  @Test
  void aRefusedLoginSetsNoCookie() {
    Response login =
        api.post(
            "/v1/sessions/cookie", null, Map.of("username", "admin", "password", "wrong-password"));

    assertProblem(login, 401, "invalid_credentials");
    assertThat(login.header("Set-Cookie")).isEmpty();
  }

  @Test
  void loggingOutWithTheCookieEndsTheSessionAndClearsTheCookie() {
    String cookie = sessionCookie();
    Map<String, String> withCookie = Map.of("Cookie", cookie);
    assertThat(
            api.sendWithHeaders("GET", "/v1/sessions/current", withCookie, null)
                .expect(200)
                .text("username"))
        .isEqualTo("admin");

    Response logout =
        api.sendWithHeaders(
            "DELETE", "/v1/sessions/current", Map.of("Cookie", cookie, "Hangar-CSRF", "1"), null);

    assertThat(logout.expect(204).header("Set-Cookie"))
        .startsWith("hangar_session=;")
        .contains("Max-Age=0");
    assertProblem(
        api.sendWithHeaders("GET", "/v1/sessions/current", withCookie, null), 401, "unauthorized");
  }

  @Test
  void anOperatorDrainsARunnerWhichThenTakesNothing() {
    String label = "drain" + System.nanoTime();
    String pipeline = given.pipeline(given.project(), "android", List.of(label), Map.of());
    Given.Runner runner = given.runner(List.of("android"), Map.of(), List.of(label), 1);

    Response drained = api.post("/v1/runners/" + runner.id() + "/drain", given.adminToken(), null);

    assertThat(drained.expect(200).text("status")).isEqualTo("draining");
    given.build(pipeline);
    api.post(runner.path("/claim"), runner.token(), null).expect(204);
    assertThat(api.get("/v1/runners/" + runner.id(), given.adminToken()).text("status"))
        .isEqualTo("draining");
  }

  @Test
  void drainingAnUnknownRunnerIsNotFound() {
    assertProblem(
        api.post("/v1/runners/runner_aaaaaaaaaaaaaaaa/drain", given.adminToken(), null),
        404,
        "runner_not_found");
    assertProblem(
        api.post("/v1/runners/nonsense/drain", given.adminToken(), null), 404, "runner_not_found");
  }

  private static String sessionCookie() {
    String header = api.post("/v1/sessions/cookie", null, ADMIN).expect(200).header("Set-Cookie");
    return header.substring(0, header.indexOf(';'));
  }
}
