package dev.hangar.api.auth;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Where a login came from. {@code address} is the servlet's remote address, the one throttled: the
 * connection's peer unless {@code server.forward-headers-strategy} tells Tomcat to take it from a
 * trusted proxy's {@code X-Forwarded-For}. {@code forwardedFor} is that header as sent, only ever
 * logged beside the address, never trusted in its place: any client can send one.
 */
record LoginPeer(String address, String forwardedFor) {

  static LoginPeer of(HttpServletRequest request) {
    String forwarded = request.getHeader("X-Forwarded-For");
    return new LoginPeer(request.getRemoteAddr(), forwarded == null ? "" : forwarded);
  }
}
