package dev.hangar.testing.storage;

import static org.awaitility.Awaitility.await;

import dev.hangar.engine.storage.s3.S3Settings;
import dev.hangar.engine.storage.s3.S3StorageConfiguration;
import dev.hangar.testing.Directories;
import dev.hangar.testing.FreePorts;
import dev.hangar.testing.ShortLivedJava;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-compatible server on this machine for tests: Adobe's S3Mock, a standalone jar the build
 * copies to {@code target/s3-server/s3mock.jar} (maven-dependency-plugin, see the parent POM),
 * started on a free 127.0.0.1 port with a directory of its own and one bucket, and stopped by its
 * own process handle. S3Mock speaks S3's REST API with its multipart uploads, their listing and
 * aborts, ranged reads and batch deletes, which is what the S3 store uses.
 */
public final class LocalS3Server implements AutoCloseable {

  public static final String BUCKET = "hangar-test";
  public static final String REGION = "us-east-1";
  public static final String ACCESS_KEY = "hangar-test-access";
  public static final String SECRET_KEY = "hangar-test-secret";

  private static final Path HOME = Path.of("target", "s3-server").toAbsolutePath();
  private static final Duration START_LIMIT = Duration.ofSeconds(120);
  private static final Duration STOP_GRACE = Duration.ofSeconds(20);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /**
   * Killed when the test JVM exits, so a test that failed before closing its server leaves none.
   */
  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly)));
  }

  private final Process process;
  private final int port;
  private final Path data;
  private final Path log;

  private LocalS3Server(Process process, int port, Path data, Path log) {
    this.process = process;
    this.port = port;
    this.data = data;
    this.log = log;
  }

  /** Starts a server with the bucket {@link #BUCKET} and waits until it answers. */
  public static LocalS3Server start() {
    return launch().awaitReady();
  }

  /**
   * Starts a server with the bucket {@link #BUCKET}, still booting: a test may start what uses it
   * meanwhile, then {@link #awaitReady()}.
   */
  public static LocalS3Server launch() {
    Path jar = HOME.resolve("s3mock.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "missing "
              + jar
              + ": the S3-compatible test server is fetched by Maven before the tests run"
              + " (maven-dependency-plugin, execution s3-server); run the tests with ./mvnw, which"
              + " needs Maven Central or the artifact com.adobe.testing:s3mock:exec in ~/.m2");
    }
    int port = FreePorts.next();
    try {
      Files.createDirectories(HOME);
      Path data = Files.createTempDirectory(HOME, "data-");
      Path log = HOME.resolve("s3mock-" + port + ".log");
      List<String> command =
          ShortLivedJava.command(
              "-Xmx256m",
              "-jar",
              jar.toString(),
              "--http.port=" + port,
              // Its HTTPS port too must be free: 0 lets the system choose one.
              "--server.port=0",
              "--server.address=127.0.0.1",
              "--com.adobe.testing.s3mock.store.root=" + data,
              "--com.adobe.testing.s3mock.store.initial-buckets=" + BUCKET,
              "--com.adobe.testing.s3mock.store.region=" + REGION);
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      RUNNING.add(process);
      return new LocalS3Server(process, port, data, log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the S3 test server from " + jar, e);
    }
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** The settings that point Hangar's S3 store at this server, as {@code S3Settings} binds them. */
  public S3Settings settings(String prefix) {
    return new S3Settings(BUCKET, REGION, endpoint(), true, ACCESS_KEY, SECRET_KEY, prefix);
  }

  /** The same as process settings ({@code HANGAR_STORAGE=s3}, {@code HANGAR_S3_*}). */
  public Map<String, Object> processSettings(String prefix) {
    return Map.of(
        "hangar.storage", "s3",
        "hangar.s3.bucket", BUCKET,
        "hangar.s3.region", REGION,
        "hangar.s3.endpoint", endpoint(),
        "hangar.s3.path-style", "true",
        "hangar.s3.access-key", ACCESS_KEY,
        "hangar.s3.secret-key", SECRET_KEY,
        "hangar.s3.prefix", prefix);
  }

  /**
   * A client of this server, for tests to look at the bucket as S3 shows it; the caller closes it.
   */
  public S3Client client() {
    return S3StorageConfiguration.client(settings(""));
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    RUNNING.remove(process);
    Directories.deleteTree(data);
  }

  @Override
  public String toString() {
    return "S3 test server (pid " + process.pid() + ", " + endpoint() + ")";
  }

  /**
   * This server, once it lists its bucket; stopped and failing with its output if it never does.
   */
  public LocalS3Server awaitReady() {
    try {
      await()
          .atMost(START_LIMIT)
          .pollInterval(Duration.ofMillis(200))
          .failFast("the S3 test server exited during start-up", () -> !process.isAlive())
          .until(this::bucketListed);
    } catch (ConditionTimeoutException | TerminalFailureException e) {
      process.destroyForcibly();
      throw new IllegalStateException(e.getMessage() + "; its output: " + log, e);
    }
    return this;
  }

  /** The bucket is made on the first request after start-up, which this one is. */
  private boolean bucketListed() {
    HttpRequest request =
        HttpRequest.newBuilder(endpoint().resolve("/")).timeout(Duration.ofSeconds(10)).build();
    try {
      HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      return answer.statusCode() == 200 && answer.body().contains("<Name>" + BUCKET + "</Name>");
    } catch (IOException notListeningYet) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
