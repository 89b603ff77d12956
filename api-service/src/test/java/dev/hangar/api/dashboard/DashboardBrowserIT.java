package dev.hangar.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.api.support.ApiClient;
import dev.hangar.api.support.ApiInstance;
import dev.hangar.api.support.Given;
import dev.hangar.api.support.Hangar;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;

/**
 * The dashboard in a real browser, against a real api-service, RabbitMQ and Redis: a person logs
 * in, creates a project and a pipeline, queues builds, and watches a runner (this test, through the
 * API) take one, log, upload an artifact and finish, without reloading the page. Screenshots of
 * each page go to {@code target/screenshots/}.
 */
class DashboardBrowserIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static Hangar hangar;
  private static ApiClient api;
  private static Given given;
  private static Browser browser;
  private static String base;

  @BeforeAll
  static void start() throws IOException {
    browser = Browser.start();
    hangar = Hangar.start(1, 0, Map.of());
    api = hangar.client();
    given = new Given(api);
    base = hangar.api(0).baseUrl();
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
    if (hangar != null) {
      hangar.close();
    }
  }

  @Test
  void aPersonRunsABuildFromTheDashboardAndWatchesItLive() throws Exception {
    // Nobody logged in: the login form, and nothing the API knows.
    browser.forgetCookies();
    browser.open(base + "/#/queues");
    browser.visible("#login-form");
    assertThat(browser.driver.findElements(By.cssSelector("[data-queue], [data-runner]")))
        .isEmpty();
    assertThat(browser.driver.findElement(By.id("nav")).isDisplayed()).isFalse();
    browser.screenshot("01-login");

    browser.type("#login-username", "admin");
    browser.type("#login-password", ApiInstance.ADMIN_PASSWORD);
    browser.click("#login-form button[type=submit]");
    browser.visible("[data-page=queues]");
    assertThat(browser.script("return document.cookie"))
        .as("the session cookie is out of the page's reach")
        .isEqualTo("");

    // A project, refused first for its repository URL, the message next to that field.
    browser.open(base + "/#/projects");
    String name = "<img src=x onerror=alert(1)>shop-app";
    browser.type("#project-name", name);
    browser.type("#project-repository", "not a url");
    browser.click("#project-form button[type=submit]");
    browser.waitForText("[data-error-for=repository_url]", "must be an https, ssh or git URL");
    browser.screenshot("02-project-validation");
    browser.type("#project-repository", "https://git.example.com/shop-app.git");
    browser.click("#project-form button[type=submit]");
    browser.visible("#pipeline-form");
    assertThat(browser.visible("#main h1").getText()).as("data is shown as text").isEqualTo(name);

    String label = "dash" + Long.toString(System.nanoTime(), 36);
    browser.type("#pipeline-name", "linux-release");
    new org.openqa.selenium.support.ui.Select(browser.visible("#pipeline-platform"))
        .selectByValue("linux");
    browser.type("#pipeline-labels", label);
    browser.type("#pipeline-steps", "build: ./build.sh");
    browser.type("#pipeline-artifacts", "out/*.txt");
    browser.click("#pipeline-form button[type=submit]");
    browser.visible("[data-pipeline] [data-build-form]");
    browser.screenshot("03-project");

    // A build, queued from its pipeline's card; nobody can take it yet.
    browser.type("[data-build-form] [data-input=commit]", "a1b2c3d");
    browser.click("[data-build-form] button[type=submit]");
    String build = browser.visible("[data-queued-build]").getAttribute("data-queued-build");
    String queue = "linux." + label;

    browser.open(base + "/#/queues");
    browser.visible("tr[data-queue='" + queue + "'] [data-stuck]");
    assertThat(browser.visible("tr[data-queue='" + queue + "'] [data-ready]").getText())
        .isEqualTo("1");
    assertThat(browser.visible("tr[data-queue='" + queue + "'] [data-labels]").getText())
        .isEqualTo(label);
    browser.screenshot("04-queues-stuck");

    // A runner appears: the queue is no longer stuck, without a reload.
    Given.Runner runner = given.runner(List.of("linux"), Map.of(), List.of(label), 1);
    browser.waitUntilGone("tr[data-queue='" + queue + "'] [data-stuck]");

    browser.open(base + "/#/builds/" + build);
    browser.waitForText(".facts [data-status]", "queued");
    api.post(runner.path("/claim"), runner.token(), null).expect(200);
    api.post(
            runner.path("/jobs/" + build + "/status"),
            runner.token(),
            Map.of("status", "running", "attempt", 1))
        .expect(200);
    browser.waitForText(".facts [data-status]", "running");
    browser.waitForText("#log-state", "live");

    String first = "Resolving dependencies...\n";
    String second = "Built out/hello.txt <ok>\n";
    log(runner, build, 0, first);
    browser.waitForText("#log", "Resolving dependencies...");
    log(runner, build, first.getBytes(StandardCharsets.UTF_8).length, second);
    browser.waitForText("#log", "Built out/hello.txt <ok>");

    byte[] artifact = "hello from the runner\n".getBytes(StandardCharsets.UTF_8);
    uploadArtifact(runner, build, "hello.txt", artifact);
    browser.visible("[data-artifact='hello.txt'] a").click();
    Path downloaded = browser.downloads.resolve("hello.txt");
    browser.until(d -> Files.exists(downloaded) && size(downloaded) == artifact.length);
    assertThat(Files.readAllBytes(downloaded)).isEqualTo(artifact);
    browser.screenshot("05-build-running");

    api.post(
            runner.path("/jobs/" + build + "/status"),
            runner.token(),
            Map.of(
                "status",
                "succeeded",
                "attempt",
                1,
                "exit_code",
                0,
                "steps",
                List.of(
                    Map.of(
                        "name",
                        "build",
                        "status",
                        "succeeded",
                        "exit_code",
                        0,
                        "duration_ms",
                        1200))))
        .expect(200);
    browser.waitForText(".facts [data-status]", "succeeded");
    browser.waitForText("#log-state", "Log complete");
    assertThat(browser.visible("#log").getText()).isEqualTo((first + second).strip());
    assertThat(browser.driver.findElement(By.id("cancel-build")).isDisplayed()).isFalse();
    browser.screenshot("06-build-succeeded");

    // Another build, cancelled from its page while it waits.
    String waiting = given.build(pipelineOf(build));
    browser.open(base + "/#/builds/" + waiting);
    browser.waitForText(".facts [data-status]", "queued");
    browser.click("#cancel-build");
    browser.waitForText(".facts [data-status]", "cancelled");
    assertThat(api.get("/v1/builds/" + waiting, given.adminToken()).text("status"))
        .isEqualTo("cancelled");
    browser.screenshot("07-build-cancelled");

    // Its pipeline's builds, whatever other tests of the class queued meanwhile.
    browser.open(base + "/#/builds?pipeline=" + pipelineOf(build));
    browser.visible("tr[data-build='" + build + "']");
    browser.visible("tr[data-build='" + waiting + "']");
    browser.screenshot("08-builds");

    browser.open(base + "/#/runners");
    browser.visible("tr[data-runner='" + runner.id() + "']");
    browser.screenshot("09-runners");

    browser.driver.manage().window().setSize(new Dimension(390, 844));
    browser.open(base + "/#/builds/" + build);
    browser.waitForText(".facts [data-status]", "succeeded");
    browser.screenshot("10-build-phone");

    browser.click("#logout");
    browser.visible("#login-form");
    assertThat(api.get("/v1/projects", null).status()).isEqualTo(401);
  }

  /**
   * The management half: builds listed and filtered by the server a page at a time, a build run
   * again, a pipeline changed (refused first, the reason at its field), then a pipeline and its
   * project deleted after the page said what that does.
   */
  @Test
  void aPersonFindsRerunsChangesAndDeletesFromTheDashboard() {
    String project = given.project();
    String label = "mgmt" + Long.toString(System.nanoTime(), 36);
    String kept = given.pipeline(project, "linux", List.of(label), Map.of());
    String doomed = given.pipeline(project, "android", List.of(label), Map.of());
    String cancelled = given.build(kept);
    api.post("/v1/builds/" + cancelled + "/cancel", given.adminToken(), null).expect(200);
    // One more than the server's default page, so the first page cannot be the last.
    for (int i = 0; i < 50; i++) {
      given.build(kept);
    }
    String newest = given.build(doomed);
    logIn();

    browser.open(base + "/#/builds?project=" + project);
    browser.visible("tr[data-build='" + newest + "']");
    assertThat(browser.driver.findElements(By.cssSelector("tr[data-build]"))).hasSize(50);
    assertThat(browser.driver.findElements(By.cssSelector("tr[data-build='" + cancelled + "']")))
        .isEmpty();
    assertThat(browser.visible("#builds-end").getAttribute("data-end")).isEqualTo("more");
    browser.click("#more-builds");
    browser.visible("tr[data-build='" + cancelled + "']");
    assertThat(browser.driver.findElements(By.cssSelector("tr[data-build]"))).hasSize(52);
    browser.until(d -> "all".equals(d.findElement(By.id("builds-end")).getAttribute("data-end")));
    assertThat(browser.driver.findElement(By.id("more-builds")).isDisplayed()).isFalse();

    new org.openqa.selenium.support.ui.Select(browser.visible("#filter-status"))
        .selectByValue("cancelled");
    browser.until(d -> d.getCurrentUrl().contains("status=cancelled"));
    browser.until(d -> d.findElements(By.cssSelector("tr[data-build]")).size() == 1);
    browser.visible("tr[data-build='" + cancelled + "']");
    browser.screenshot("11-builds-cancelled");

    // Run the cancelled build again: the page of the new build, which names the one it repeats.
    String number = api.get("/v1/builds/" + cancelled, given.adminToken()).text("build_number");
    browser.open(base + "/#/builds/" + cancelled);
    browser.waitForText(".facts [data-status]", "cancelled");
    browser.click("#rerun-build");
    browser.until(
        d -> !d.getCurrentUrl().endsWith("/" + cancelled) && d.getCurrentUrl().contains("build_"));
    String rerun = browser.driver.getCurrentUrl().replaceAll(".*#/builds/", "");
    browser.waitForText("#rerun-of", "Rerun of #" + number);
    browser.waitForText(".facts [data-status]", "queued");
    assertThat(api.get("/v1/builds/" + rerun, given.adminToken()).expect(200).text("rerun_of"))
        .isEqualTo(cancelled);
    browser.screenshot("12-build-rerun");

    // Change a pipeline: a label the server refuses, then a good change.
    browser.open(base + "/#/projects/" + project);
    String card = "[data-pipeline='" + kept + "'] ";
    browser.click(card + "details[data-edit=pipeline] > summary");
    String edit = card + "[data-edit-form=pipeline] ";
    browser.type(edit + "[data-field=labels]", "Not A Label");
    browser.click(edit + "button[type=submit]");
    browser.waitForText(edit + "[data-error-for=labels]", "must match [a-z0-9][a-z0-9_-]{0,31}");
    browser.screenshot("13-pipeline-change-refused");
    browser.type(edit + "[data-field=name]", "linux-nightly");
    browser.type(edit + "[data-field=labels]", label + ", nightly");
    browser.type(edit + "[data-field='config.steps']", "build: ./build.sh");
    browser.click(edit + "button[type=submit]");
    browser.waitForText(card + "h2", "linux-nightly");
    var changed = api.get("/v1/pipelines/" + kept, given.adminToken()).expect(200).json();
    assertThat(changed.path("labels").toString()).isEqualTo("[\"" + label + "\",\"nightly\"]");
    assertThat(changed.path("config").path("steps").toString())
        .isEqualTo("[{\"name\":\"build\",\"run\":\"./build.sh\"}]");
    assertThat(changed.path("config").path("flavor").asString())
        .as("config the form does not show stays")
        .isEqualTo("prod");

    // Delete a pipeline: the first click says what it does, the second deletes.
    String doomedCard = "[data-pipeline='" + doomed + "'] ";
    browser.click(doomedCard + "details[data-edit=pipeline] > summary");
    browser.click(doomedCard + "[data-action=delete]");
    var confirmation = browser.visible(doomedCard + ".confirm");
    assertThat(confirmation.getText())
        .contains("cancels its waiting builds", "signing material", "logs and artifacts");
    browser.script("arguments[0].scrollIntoView({block: 'center'})", confirmation);
    browser.screenshot("14-pipeline-delete-confirm");
    browser.click(doomedCard + "[data-action=confirm-delete]");
    browser.waitUntilGone(doomedCard.strip());
    browser.visible(card.strip());
    api.get("/v1/pipelines/" + doomed, given.adminToken()).expect(404);
    assertThat(api.get("/v1/builds/" + newest, given.adminToken()).text("status"))
        .isEqualTo("cancelled");

    // Delete the project: back to the list, without it.
    browser.click("details[data-edit=project] > summary");
    browser.click("#project-settings [data-action=delete]");
    browser.waitForText("#project-settings .confirm", "deletes its pipelines (1)");
    assertThat(browser.visible("#project-settings .confirm").getText())
        .contains("signing material", "cancels their waiting builds", "logs and artifacts");
    browser.click("#project-settings [data-action=confirm-delete]");
    browser.visible("[data-page=projects] .table-wrap");
    assertThat(browser.driver.findElements(By.cssSelector("tr[data-project='" + project + "']")))
        .isEmpty();
    api.get("/v1/projects/" + project, given.adminToken()).expect(404);
    browser.screenshot("15-project-deleted");
    browser.open(base + "/#/builds?project=" + project);
    browser.waitForText("#builds-refused", "project");
    browser.click("#logout");
    browser.visible("#login-form");
  }

  private static void logIn() {
    browser.forgetCookies();
    browser.open(base + "/#/queues");
    browser.type("#login-username", "admin");
    browser.type("#login-password", ApiInstance.ADMIN_PASSWORD);
    browser.click("#login-form button[type=submit]");
    browser.visible("[data-page=queues]");
  }

  /**
   * With {@code HANGAR_SESSION_COOKIE_SECURE=always} the cookie is {@code Secure}; chromium keeps
   * such a cookie from plain http on 127.0.0.1 (a loopback address is a secure context), so the
   * setting can be tried on one machine before TLS is in front.
   */
  @Test
  void aSecureCookieWorksOverPlainHttpOnTheLoopbackAddress() {
    try (ApiInstance secure =
        ApiInstance.start(hangar.namespace(), Map.of("hangar.session-cookie-secure", "always"))) {
      browser.forgetCookies();
      browser.open(secure.baseUrl() + "/#/runners");
      browser.type("#login-username", "admin");
      browser.type("#login-password", ApiInstance.ADMIN_PASSWORD);
      browser.click("#login-form button[type=submit]");

      browser.visible("[data-page=runners]");
      assertThat(browser.cookie(secure.baseUrl() + "/v1/queues", "hangar_session"))
          .containsEntry("secure", true)
          .containsEntry("httpOnly", true)
          .containsEntry("sameSite", "Strict");
      browser.open(secure.baseUrl() + "/#/queues");
      browser.visible("[data-page=queues]");
      assertThat(browser.driver.findElements(By.cssSelector("#login-form"))).isEmpty();
      browser.click("#logout");
      browser.visible("#login-form");
    }
  }

  private static String pipelineOf(String build) {
    return api.get("/v1/builds/" + build, given.adminToken()).expect(200).text("pipeline_id");
  }

  private static void log(Given.Runner runner, String build, long offset, String text) {
    api.send(
            "POST",
            runner.path("/jobs/" + build + "/logs?attempt=1&offset=" + offset),
            runner.token(),
            text,
            "text/plain")
        .expect(200);
  }

  private static void uploadArtifact(Given.Runner runner, String build, String name, byte[] bytes)
      throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(
                    base + runner.path("/jobs/" + build + "/artifacts/" + name + "?attempt=1")))
            .header("Authorization", "Bearer " + runner.token())
            .header("Content-Type", "application/octet-stream")
            .header(
                "Hangar-Content-SHA256",
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)))
            .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes))
            .build();
    HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return -1;
    }
  }
}
