package dev.hangar.api.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The monitoring files docker-compose.yml mounts, checked without a Docker engine: they parse, and
 * what each names (services, ports, the data source, the dashboards' directory) is what the others
 * and the processes' own settings say. MetricsIT checks the dashboard's metric names against what
 * the processes really export.
 */
class DeployFilesTest {

  private static final Path ROOT = repositoryRoot();
  private static final Pattern METRIC = Pattern.compile("\\bhangar_[a-z_]+");

  @Test
  void prometheusScrapesEveryProcessOnItsManagementPort() {
    Map<String, Object> prometheus = yaml("deploy/prometheus.yml");
    Map<String, String> targets = new TreeMap<>();
    for (Map<String, Object> job : list(prometheus, "scrape_configs")) {
      assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
      for (Map<String, Object> config : list(job, "static_configs")) {
        for (Object target : (List<?>) config.get("targets")) {
          String[] hostAndPort = target.toString().split(":");
          targets.put(hostAndPort[0], hostAndPort[1]);
        }
      }
    }
    String apiPort = managementPort("api-service");
    String dispatcherPort = managementPort("dispatcher");
    assertThat(targets)
        .isEqualTo(Map.of("api-1", apiPort, "api-2", apiPort, "dispatcher", dispatcherPort));
    assertThat(services()).containsKeys("api-1", "api-2", "dispatcher", "prometheus", "grafana");
  }

  @Test
  void grafanaIsProvisionedWithPrometheusAndTheDashboard() {
    Map<String, Object> source =
        list(yaml("deploy/grafana/provisioning/datasources/prometheus.yml"), "datasources").get(0);
    assertThat(source.get("type")).isEqualTo("prometheus");
    assertThat(source.get("url")).isEqualTo("http://prometheus:9090");
    Map<String, Object> provider =
        list(yaml("deploy/grafana/provisioning/dashboards/hangar.yml"), "providers").get(0);
    String dashboards = ((Map<?, ?>) provider.get("options")).get("path").toString();

    @SuppressWarnings("unchecked")
    List<String> mounts =
        (List<String>) ((Map<String, Object>) services().get("grafana")).get("volumes");
    assertThat(mounts)
        .contains(
            "./deploy/grafana/provisioning:/etc/grafana/provisioning:ro",
            "./deploy/grafana/hangar.json:" + dashboards + "/hangar.json:ro");
    for (String mount : mounts) {
      if (mount.startsWith("./")) {
        assertThat(ROOT.resolve(mount.substring(2, mount.indexOf(':')))).exists();
      }
    }
    for (JsonNode panel : dashboard().path("panels")) {
      assertThat(panel.path("datasource").path("uid").asString())
          .as(panel.path("title").asString())
          .isEqualTo(source.get("uid"));
    }
  }

  @Test
  void theDashboardShowsQueuesDispatchClaimsRunnersAndRequeues() {
    assertThat(dashboardMetrics())
        .contains(
            "hangar_queue_ready",
            "hangar_queue_oldest_age_seconds",
            "hangar_dispatch_latency_seconds_bucket",
            "hangar_claims_total",
            "hangar_runners",
            "hangar_requeues_total");
    for (JsonNode panel : dashboard().path("panels")) {
      assertThat(panel.path("targets").isEmpty()).as(panel.path("title").asString()).isFalse();
    }
  }

  /** Every metric name a panel of deploy/grafana/hangar.json queries. */
  static Set<String> dashboardMetrics() {
    Set<String> names = new TreeSet<>();
    for (JsonNode panel : dashboard().path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        Matcher metric = METRIC.matcher(target.path("expr").asString());
        while (metric.find()) {
          names.add(metric.group());
        }
      }
    }
    return names;
  }

  private static JsonNode dashboard() {
    return JsonMapper.builder().build().readTree(read("deploy/grafana/hangar.json"));
  }

  private static String managementPort(String module) {
    Map<String, Object> yml = yaml(module + "/src/main/resources/application.yml");
    Map<?, ?> management = (Map<?, ?>) yml.get("management");
    return ((Map<?, ?>) management.get("server")).get("port").toString();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> services() {
    return (Map<String, Object>) yaml("docker-compose.yml").get("services");
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Map<String, Object> map, String key) {
    Object value = map.get(key);
    assertThat(value).as(key).isInstanceOf(List.class);
    return new ArrayList<>((List<Map<String, Object>>) value);
  }

  private static Map<String, Object> yaml(String file) {
    return new Yaml().load(read(file));
  }

  private static String read(String file) {
    try {
      return Files.readString(ROOT.resolve(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("docker-compose.yml"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no docker-compose.yml above " + Path.of("").toAbsolutePath());
  }
}
