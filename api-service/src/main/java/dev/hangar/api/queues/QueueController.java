package dev.hangar.api.queues;

import dev.hangar.api.auth.User;
import dev.hangar.api.openapi.Access;
import dev.hangar.api.openapi.ApiContract;
import dev.hangar.engine.queues.QueueStats;
import dev.hangar.model.queues.QueueView;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** What is waiting where, and who could take it. */
@RestController
class QueueController {

  private final QueueStats stats;

  QueueController(QueueStats stats) {
    this.stats = stats;
  }

  @ApiContract(
      summary = "Every capability class's queue: ready, oldest, eligible runners",
      access = Access.USER)
  @GetMapping("/v1/queues")
  List<QueueView> queues(User user) {
    return stats.queues();
  }
}
