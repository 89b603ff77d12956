package dev.hangar.api.signing;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Where a signing request came from, for the audit trail: the peer, and X-Forwarded-For as sent.
 */
record Caller(String address, String forwardedFor) {

  static Caller of(HttpServletRequest request) {
    String forwarded = request.getHeader("X-Forwarded-For");
    return new Caller(
        request.getRemoteAddr(),
        forwarded == null ? "" : forwarded.substring(0, Math.min(forwarded.length(), 200)));
  }
}
