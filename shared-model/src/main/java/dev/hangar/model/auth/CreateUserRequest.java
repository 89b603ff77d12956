package dev.hangar.model.auth;

import dev.hangar.model.validation.Validated;
import dev.hangar.model.validation.Violations;
import java.util.regex.Pattern;

public record CreateUserRequest(String username, String password, Boolean admin)
    implements Validated {

  public static final int MIN_PASSWORD = 8;
  private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");

  @Override
  public void validate(Violations v) {
    v.required("username", username);
    v.required("password", password);
    if (username != null && !USERNAME.matcher(username).matches()) {
      v.add("username", "must be 2-64 characters of [a-z0-9._-], starting with a letter or digit");
    }
    if (password != null && (password.length() < MIN_PASSWORD || password.length() > 1024)) {
      v.add("password", "must be between " + MIN_PASSWORD + " and 1024 characters");
    }
  }

  public boolean isAdmin() {
    return Boolean.TRUE.equals(admin);
  }

  /** Never the secret: a record's own toString would print it wherever this is logged. */
  @Override
  public String toString() {
    return "CreateUserRequest[username=" + username + ", admin=" + admin + "]";
  }
}
