package dev.hangar.api.auth;

/** When the session cookie carries {@code Secure}. */
public enum CookieSecurity {
  /** When the login came over https (as the servlet container sees it). */
  AUTO,
  /** Always: for a server behind a proxy that ends TLS without forwarding the scheme. */
  ALWAYS;

  boolean secure(boolean requestWasSecure) {
    return this == ALWAYS || requestWasSecure;
  }
}
