package dev.hangar.model.runners;

import dev.hangar.model.Capabilities;
import dev.hangar.model.RunnerStatus;
import dev.hangar.model.validation.Validated;
import dev.hangar.model.validation.Violations;
import java.util.Optional;

/** A runner changing itself; absent fields stay as they are. */
public record UpdateRunnerRequest(String name, Capabilities capabilities, RunnerStatus status)
    implements Validated {

  @Override
  public void validate(Violations v) {
    v.maxLength("name", name, RegisterRunnerRequest.MAX_NAME);
    if (capabilities != null) {
      capabilities.validate("capabilities", v);
    }
    if (status != null && status != RunnerStatus.DRAINING && status != RunnerStatus.ONLINE) {
      v.add("status", "may only be set to draining or online");
    }
  }

  public Optional<Boolean> draining() {
    return Optional.ofNullable(status).map(s -> s == RunnerStatus.DRAINING);
  }
}
