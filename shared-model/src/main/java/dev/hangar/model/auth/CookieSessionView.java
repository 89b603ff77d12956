package dev.hangar.model.auth;

/**
 * Answer to a login that keeps its session in a cookie: the token went into the cookie, which the
 * page's scripts cannot read, and is not repeated here.
 */
public record CookieSessionView(long expiresAt, UserView user) {}
