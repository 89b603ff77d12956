package dev.hangar.api.auth;

import dev.hangar.model.auth.UserView;

/** A signed-in person, as resolved from a session token. */
public record User(String id, String username, boolean admin) {
  public UserView view() {
    return new UserView(id, username, admin);
  }
}
