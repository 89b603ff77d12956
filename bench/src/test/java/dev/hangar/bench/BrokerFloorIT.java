package dev.hangar.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The floor claims through the engine's own claim script, over a Lettuce connection of its own:
 * every message it queues becomes a lease, and none is refused.
 */
class BrokerFloorIT {

  @Test
  void everyQueuedMessageBecomesALeaseThroughTheEnginesClaimScript() throws Exception {
    Namespace namespace = Namespace.fresh();
    try (Services services = new Services()) {
      try {
        BrokerFloor.Result result =
            new BrokerFloor(services, namespace, new CpuMeter())
                .run(1, 2, 40, Duration.ofSeconds(60), 0);

        assertThat(result.claimed()).isEqualTo(40);
        assertThat(result.failures()).isZero();
      } finally {
        namespace.delete(services);
      }
    }
  }
}
