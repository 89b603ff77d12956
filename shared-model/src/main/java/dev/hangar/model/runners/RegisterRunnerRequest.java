package dev.hangar.model.runners;

import dev.hangar.model.Capabilities;
import dev.hangar.model.validation.Validated;
import dev.hangar.model.validation.Violations;

public record RegisterRunnerRequest(String name, Capabilities capabilities) implements Validated {

  public static final int MAX_NAME = 100;

  public RegisterRunnerRequest {
    capabilities = capabilities == null ? Capabilities.none() : capabilities;
  }

  @Override
  public void validate(Violations v) {
    v.maxLength("name", name, MAX_NAME);
    capabilities.validate("capabilities", v);
  }
}
