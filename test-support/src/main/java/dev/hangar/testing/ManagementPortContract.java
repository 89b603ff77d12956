package dev.hangar.testing;

import static dev.hangar.api.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.api.support.ApiClient;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * What both processes promise about /actuator: metrics and health with its components answer only
 * on the management port, bound to 127.0.0.1; the main port, which runners and load balancers
 * reach, answers /livez and /readyz with the status alone and refuses the rest as problem+json. A
 * subclass starts its process with both ports free ({@link HangarProcesses}) and says which process
 * it is.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ManagementPortContract {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** The running process's environment: the ports it listens on, and its application.yml. */
  protected abstract ConfigurableEnvironment environment();

  /** The management port the process's application.yml sets. */
  protected abstract int defaultManagementPort();

  @ParameterizedTest
  @ValueSource(strings = {"/actuator/prometheus", "/actuator/health", "/actuator/health/readiness"})
  void theMainPortRefusesActuatorAsAProblem(String path) {
    assertProblem(mainPortClient().get(path, null), 404, "not_found");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/livez", "/actuator/prometheus", "/nope"})
  void theMainPortRefusesTraceAsAProblemThatEchoesNothing(String path) {
    ApiClient.Response answer =
        mainPortClient().sendWithHeaders("TRACE", path, Map.of("X-Echo-Me", "secret-token"), null);

    assertProblem(answer, 405, "method_not_allowed");
    assertThat(answer.header("Allow")).as("RFC 9110 requires Allow on a 405").isNotEmpty();
    assertThat(answer.body()).doesNotContain("secret-token", "X-Echo-Me");
  }

  @Test
  void theMainPortRefusesAWrongMethodOnAProbeAsAProblem() {
    ApiClient.Response answer = mainPortClient().post("/livez", null, null);

    assertProblem(answer, 405, "method_not_allowed");
    assertThat(answer.header("Allow")).as("RFC 9110 requires Allow on a 405").contains("GET");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/livez", "/readyz"})
  void theMainPortAnswersTheProbesWithTheStatusAlone(String path) {
    HttpResponse<String> answer = get(mainPort(), path);

    assertThat(answer.statusCode()).as("status of %s: %s", path, answer.body()).isEqualTo(200);
    assertThat(JSON.readTree(answer.body())).isEqualTo(JSON.readTree("{\"status\":\"UP\"}"));
  }

  @Test
  void theManagementPortServesMetricsAndHealthWithItsComponents() {
    HttpResponse<String> metrics = get(managementPort(), "/actuator/prometheus");
    HttpResponse<String> health = get(managementPort(), "/actuator/health");

    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("jvm_memory_used_bytes");
    assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
    assertThat(JSON.readTree(health.body()).path("components").propertyNames())
        .contains("redis", "rabbit");
  }

  @Test
  void theManagementPortListensOnLoopbackOnly() {
    InetAddress elsewhere = nonLoopbackAddress().orElse(null);
    Assumptions.assumeTrue(
        elsewhere != null, "this machine has no address but loopback to connect from");

    assertThat(accepts(elsewhere, mainPort())).as("the main port from %s", elsewhere).isTrue();
    assertThat(accepts(elsewhere, managementPort()))
        .as("the management port from %s", elsewhere)
        .isFalse();
    assertThat(accepts(InetAddress.getLoopbackAddress(), managementPort()))
        .as("the management port from loopback")
        .isTrue();
  }

  /** The tests above run on free ports; what an operator gets without settings is this. */
  @Test
  void byDefaultManagementHasAPortOfItsOwnOnLoopback() {
    PropertySource<?> applicationYml =
        environment().getPropertySources().stream()
            .filter(source -> source.getName().contains("application.yml"))
            .findFirst()
            .orElseThrow();

    assertThat(String.valueOf(applicationYml.getProperty("management.server.port")))
        .isEqualTo(Integer.toString(defaultManagementPort()));
    assertThat(String.valueOf(applicationYml.getProperty("server.port")))
        .isNotEqualTo(Integer.toString(defaultManagementPort()));
    assertThat(String.valueOf(applicationYml.getProperty("management.server.address")))
        .isEqualTo("127.0.0.1");
  }

  private ApiClient mainPortClient() {
    return new ApiClient("http://127.0.0.1:" + mainPort(), Duration.ofSeconds(10));
  }

  private int mainPort() {
    return Integer.parseInt(environment().getRequiredProperty("local.server.port"));
  }

  private int managementPort() {
    return Integer.parseInt(environment().getRequiredProperty("local.management.port"));
  }

  private static HttpResponse<String> get(int port, String path) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .build();
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("GET " + request.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static boolean accepts(InetAddress address, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), 2_000);
      return true;
    } catch (IOException refused) {
      return false;
    }
  }

  /** An IPv4 address of this machine other than loopback, such as its LAN address. */
  private static Optional<InetAddress> nonLoopbackAddress() {
    try {
      return NetworkInterface.networkInterfaces()
          .filter(ManagementPortContract::isUp)
          .flatMap(NetworkInterface::inetAddresses)
          .filter(
              address ->
                  address instanceof Inet4Address
                      && !address.isLoopbackAddress()
                      && !address.isLinkLocalAddress())
          .findFirst();
    } catch (SocketException e) {
      return Optional.empty();
    }
  }

  private static boolean isUp(NetworkInterface network) {
    try {
      return network.isUp() && !network.isLoopback();
    } catch (SocketException e) {
      return false;
    }
  }
}
