package dev.hangar.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusSampleTest {

  private static final String TEXT =
      """
      # HELP hangar_queue_ready builds ready in the broker, both priorities
      # TYPE hangar_queue_ready gauge
      hangar_queue_ready{application="hangar-dispatcher",queue="ios.m2.xcode>=16"} 2.0
      hangar_queue_ready{application="hangar-dispatcher",queue="web.metrics"} 1.0

      hangar_dead_letters_total{outcome="sent_back"} 1.0
      process_uptime_seconds 12.5
      jvm_gc_pause_seconds_max{le="+Inf"} +Inf
      """;

  @Test
  void readsNamesLabelsAndValuesAndSkipsComments() {
    List<PrometheusSample> samples = PrometheusSample.parse(TEXT);

    assertThat(samples)
        .extracting(PrometheusSample::name)
        .containsExactly(
            "hangar_queue_ready",
            "hangar_queue_ready",
            "hangar_dead_letters_total",
            "process_uptime_seconds",
            "jvm_gc_pause_seconds_max");
    assertThat(samples.get(1).labels())
        .containsExactly(
            Map.entry("application", "hangar-dispatcher"), Map.entry("queue", "web.metrics"));
    assertThat(samples.get(3).labels()).isEmpty();
    assertThat(samples.get(3).value()).isEqualTo(12.5);
    assertThat(samples.get(4).value()).isEqualTo(Double.POSITIVE_INFINITY);
  }

  @Test
  void aSampleMatchesItsNameWithAnySubsetOfItsLabels() {
    PrometheusSample ready = PrometheusSample.parse(TEXT).get(1);

    assertThat(ready.matches("hangar_queue_ready", Map.of("queue", "web.metrics"))).isTrue();
    assertThat(ready.matches("hangar_queue_ready", Map.of())).isTrue();
    assertThat(ready.matches("hangar_queue_ready", Map.of("queue", "ios.m2.xcode>=16"))).isFalse();
    assertThat(ready.matches("hangar_queue_oldest_age_seconds", Map.of("queue", "web.metrics")))
        .isFalse();
  }

  @Test
  void theValueOfTheFirstMatchingSampleOrAFailureNamingTheSource() {
    List<PrometheusSample> samples = PrometheusSample.parse(TEXT);

    assertThat(
            PrometheusSample.valueOf(
                samples, "hangar_queue_ready", Map.of("queue", "web.metrics"), "a scrape"))
        .isEqualTo(1.0);
    assertThatThrownBy(
            () ->
                PrometheusSample.valueOf(
                    samples, "hangar_dead_letters_total", Map.of("outcome", "stale"), "a scrape"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("hangar_dead_letters_total")
        .hasMessageContaining("a scrape");
  }
}
