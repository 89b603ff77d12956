package dev.hangar.model.auth;

/** Answer to a login: the session token is shown only here. */
public record SessionView(String token, long expiresAt, UserView user) {

  /** Never the secret: a record's own toString would print it wherever this is logged. */
  @Override
  public String toString() {
    return "SessionView[user=" + user + ", expires_at=" + expiresAt + "]";
  }
}
