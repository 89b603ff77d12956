package dev.hangar.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuMeterTest {

  @Test
  void cpuPerOperationIsEachProcesssTicksOverTheOperationsBusiestFirst() {
    // Ticks are 1/100 s: 30 ticks over 1,000 claims is 300 µs a claim.
    CpuMeter.Sample from = sample(0, Map.of("api-1", 100L, "rabbitmq", 500L, "redis", 7L));
    CpuMeter.Sample to =
        sample(2_000_000_000L, Map.of("api-1", 120L, "rabbitmq", 530L, "redis", 7L));
    assertThat(CpuMeter.perOperation(from, to, 1_000)).isEqualTo("rabbitmq 300 µs, api-1 200 µs");
  }

  @Test
  void noOperationsCountsAsOneRatherThanDividingByZero() {
    CpuMeter.Sample from = sample(0, Map.of("bench", 0L));
    CpuMeter.Sample to = sample(1_000_000_000L, Map.of("bench", 1L));
    assertThat(CpuMeter.perOperation(from, to, 0)).isEqualTo("bench 10000 µs");
  }

  @Test
  void theShareOfTheCoresStaysBesideIt() {
    CpuMeter.Sample from = sample(0, Map.of("api-1", 100L));
    CpuMeter.Sample to = sample(2_000_000_000L, Map.of("api-1", 220L));
    assertThat(CpuMeter.between(from, to)).startsWith("api-1 60 %");
  }

  private static CpuMeter.Sample sample(long nanos, Map<String, Long> ticks) {
    return new CpuMeter.Sample(nanos, new LinkedHashMap<>(ticks), 0);
  }
}
