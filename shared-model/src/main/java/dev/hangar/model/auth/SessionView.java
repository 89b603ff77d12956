package dev.hangar.model.auth;

/** Answer to a login: the session token is shown only here. */
public record SessionView(String token, long expiresAt, UserView user) {}
