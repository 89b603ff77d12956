package dev.hangar.api.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hangar.api.support.ApiClient;
import dev.hangar.api.support.DispatcherInstance;
import dev.hangar.api.support.Given;
import dev.hangar.api.support.Hangar;
import dev.hangar.testing.PrometheusSample;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * What /actuator/prometheus says after known events: claims, their timing and log bytes on the
 * api-service that served them; lease expirations, requeues and the gauges of shared state (queues,
 * builds and runners by status) on the dispatcher.
 */
class MetricsIT {

  private static final String LOG = "hello, log\n";

  @Test
  void eachProcessCountsWhatHappenedThereAndTheDispatcherGaugesTheSharedState() throws Exception {
    try (Hangar hangar =
        Hangar.start(
            1,
            1,
            Map.of(
                "hangar.metrics-interval",
                "100ms",
                "hangar.lease-ttl",
                "2s",
                "hangar.heartbeat-interval",
                "1s"))) {
      ApiClient api = hangar.client();
      Given given = new Given(api);
      String pipeline = given.pipeline(given.project(), "web", List.of("observed"), Map.of());
      String finished = given.build(pipeline);
      String abandoned = given.build(pipeline);
      Given.Runner worker = given.runner(List.of("web"), Map.of(), List.of("observed"), 1);
      Given.Runner quitter = given.runner(List.of("web"), Map.of(), List.of("observed"), 1);
      Given.Runner idle = given.runner("android");

      assertThat(api.post(worker.path("/claim"), worker.token(), null).expect(200).text("build_id"))
          .isEqualTo(finished);
      report(api, worker, finished, "running");
      api.send(
              "POST",
              worker.path("/jobs/" + finished + "/logs?attempt=1&offset=0"),
              worker.token(),
              LOG,
              "text/plain")
          .expect(200);
      report(api, worker, finished, "succeeded");
      api.post(idle.path("/claim"), idle.token(), null).expect(204);
      // Claimed and never acknowledged: its lease runs out and the reaper requeues it.
      assertThat(
              api.post(quitter.path("/claim"), quitter.token(), null).expect(200).text("build_id"))
          .isEqualTo(abandoned);

      DispatcherInstance dispatcher = hangar.dispatcher(0);
      await()
          .atMost(Duration.ofSeconds(30))
          .ignoreExceptions()
          .untilAsserted(
              () -> {
                assertThat(dispatcher.metric("hangar_lease_expirations_total", Map.of()))
                    .isEqualTo(1.0);
                assertThat(
                        dispatcher.metric(
                            "hangar_requeues_total", Map.of("reason", "lease_expired")))
                    .isEqualTo(1.0);
                assertThat(dispatcher.metric("hangar_builds", Map.of("status", "queued")))
                    .isEqualTo(1.0);
                assertThat(dispatcher.metric("hangar_builds", Map.of("status", "succeeded")))
                    .isEqualTo(1.0);
                assertThat(dispatcher.metric("hangar_builds", Map.of("status", "assigned")))
                    .isZero();
                assertThat(
                        dispatcher.metric(
                            "hangar_queue_ready",
                            Map.of("class", "web.observed", "priority", "normal")))
                    .isEqualTo(1.0);
                assertThat(
                        dispatcher.metric(
                            "hangar_queue_ready",
                            Map.of("class", "web.observed", "priority", "high")))
                    .isZero();
                assertThat(
                        dispatcher.metric(
                            "hangar_queue_oldest_age_seconds", Map.of("class", "web.observed")))
                    .isGreaterThanOrEqualTo(0.0);
                assertThat(
                        Stream.of("online", "busy", "draining", "offline")
                            .mapToDouble(
                                status ->
                                    dispatcher.metric("hangar_runners", Map.of("status", status)))
                            .sum())
                    .isEqualTo(3.0);
              });

      List<PrometheusSample> served = scrape(hangar);
      assertThat(value(served, "hangar_claims_total", Map.of("result", "claimed"))).isEqualTo(2.0);
      assertThat(value(served, "hangar_claims_total", Map.of("result", "empty"))).isEqualTo(1.0);
      assertThat(value(served, "hangar_claim_duration_seconds_count", Map.of())).isEqualTo(3.0);
      assertThat(value(served, "hangar_claim_duration_seconds_bucket", Map.of("le", "+Inf")))
          .isEqualTo(3.0);
      assertThat(value(served, "hangar_dispatch_latency_seconds_count", Map.of())).isEqualTo(2.0);
      assertThat(value(served, "hangar_log_bytes_total", Map.of())).isEqualTo(LOG.length());
      Set<String> exported = new TreeSet<>();
      for (List<PrometheusSample> samples : List.of(served, dispatcher.samples())) {
        samples.forEach(sample -> exported.add(sample.name()));
      }
      assertThat(exported)
          .as("what deploy/grafana/hangar.json queries")
          .containsAll(DeployFilesTest.dashboardMetrics());
      assertThat(served)
          .as("shared state is the dispatcher's to gauge, or a sum over instances would double it")
          .noneMatch(
              sample ->
                  List.of("hangar_builds", "hangar_runners", "hangar_queue_ready")
                      .contains(sample.name()));
    }
  }

  private static void report(ApiClient api, Given.Runner runner, String build, String status) {
    api.post(
            runner.path("/jobs/" + build + "/status"),
            runner.token(),
            Map.of("status", status, "attempt", 1))
        .expect(200);
  }

  private static List<PrometheusSample> scrape(Hangar hangar) {
    String port =
        hangar
            .api(0)
            .bean(ConfigurableEnvironment.class)
            .getRequiredProperty("local.management.port");
    ApiClient management = new ApiClient("http://127.0.0.1:" + port);
    return PrometheusSample.parse(management.get("/actuator/prometheus", null).expect(200).body());
  }

  private static double value(
      List<PrometheusSample> samples, String name, Map<String, String> labels) {
    return samples.stream()
        .filter(sample -> sample.matches(name, labels))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no sample " + name + labels))
        .value();
  }
}
