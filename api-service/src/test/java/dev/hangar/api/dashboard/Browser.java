package dev.hangar.api.dashboard;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hangar.testing.Directories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless chromium, driven by its chromedriver, with a profile of its own that is deleted
 * afterwards. Where the browser is not installed the test is skipped, saying so; CI installs it
 * ({@code ./hangar test}).
 */
final class Browser implements AutoCloseable {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  final ChromeDriver driver;
  private final WebDriverWait wait;
  private final Path profile;
  final Path downloads;

  private Browser(ChromeDriver driver, Path profile, Path downloads) {
    this.driver = driver;
    this.profile = profile;
    this.downloads = downloads;
    this.wait = new WebDriverWait(driver, Duration.ofSeconds(10), Duration.ofMillis(50));
  }

  static Browser start() throws IOException {
    assumeTrue(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "the dashboard's browser test needs chromium and chromium-driver (/usr/bin/chromium,"
            + " /usr/bin/chromedriver): apt-get install chromium chromium-driver; ./hangar test"
            + " installs them");
    Path profile = Files.createTempDirectory("hangar-chromium-");
    Path downloads = Files.createTempDirectory("hangar-downloads-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1280,900",
        "--user-data-dir=" + profile);
    options.setExperimentalOption(
        "prefs",
        Map.of(
            "download.default_directory",
            downloads.toString(),
            "download.prompt_for_download",
            false));
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    return new Browser(new ChromeDriver(service, options), profile, downloads);
  }

  /**
   * Every cookie of the profile. WebDriver's own cookie calls see only those of the page's path,
   * and the session cookie's path is /v1.
   */
  void forgetCookies() {
    driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
  }

  /** The cookie the browser would send to this URL, as DevTools describes it, or null. */
  @SuppressWarnings("unchecked")
  Map<String, Object> cookie(String url, String name) {
    Map<String, Object> answer =
        driver.executeCdpCommand("Network.getCookies", Map.of("urls", java.util.List.of(url)));
    return ((java.util.List<Map<String, Object>>) answer.get("cookies"))
        .stream().filter(c -> name.equals(c.get("name"))).findFirst().orElse(null);
  }

  void open(String url) {
    driver.get(url);
  }

  WebElement visible(String css) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  void waitForText(String css, String text) {
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
  }

  void waitUntilGone(String css) {
    wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(css), 0));
  }

  void type(String css, String text) {
    WebElement input = visible(css);
    input.clear();
    input.sendKeys(text);
  }

  void click(String css) {
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
  }

  <T> T until(java.util.function.Function<ChromeDriver, T> condition) {
    return wait.until(d -> condition.apply(driver));
  }

  Object script(String script, Object... args) {
    return driver.executeScript(script, args);
  }

  void screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
      Files.copy(
          png,
          SCREENSHOTS.resolve(name + ".png"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    driver.quit();
    Directories.deleteTree(profile);
    Directories.deleteTree(downloads);
  }
}
