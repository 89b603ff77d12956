package dev.hangar.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hangar.testing.HangarNamespaceExtension;
import dev.hangar.testing.TestNamespace;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;

@ExtendWith(HangarNamespaceExtension.class)
class QueueMetricsIT {

  /**
   * In a JVM whose default locale is Turkish, ONLINE lower-cases to "onlıne": the gauges must still
   * carry the statuses as the API spells them.
   */
  @Test
  void runnerStatusTagsAreWireNamesWhateverTheDefaultLocale(TestNamespace namespace) {
    Locale before = Locale.getDefault();
    Locale.setDefault(Locale.forLanguageTag("tr-TR"));
    try (ConfigurableApplicationContext dispatcher =
        InProcessDispatcher.start(namespace, Map.of("hangar.metrics-interval", "100ms"))) {
      MeterRegistry meters = dispatcher.getBean(MeterRegistry.class);

      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(meters.find("hangar.runners").gauges())
                      .extracting((Gauge gauge) -> gauge.getId().getTag("status"))
                      .containsExactlyInAnyOrder("online", "offline", "busy", "draining"));
    } finally {
      Locale.setDefault(before);
    }
  }
}
