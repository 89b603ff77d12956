package dev.hangar.model.auth;

import dev.hangar.model.validation.Validated;
import dev.hangar.model.validation.Violations;

public record LoginRequest(String username, String password) implements Validated {
  @Override
  public void validate(Violations v) {
    v.required("username", username);
    v.required("password", password);
    v.maxLength("username", username, 64);
    v.maxLength("password", password, 1024);
  }

  /** Never the secret: a record's own toString would print it wherever this is logged. */
  @Override
  public String toString() {
    return "LoginRequest[username=" + username + "]";
  }
}
