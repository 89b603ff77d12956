package dev.hangar.api.auth;

import dev.hangar.api.openapi.Access;
import dev.hangar.api.openapi.ApiContract;
import dev.hangar.api.openapi.ProblemCode;
import dev.hangar.api.web.Answers;
import dev.hangar.api.web.ApiException;
import dev.hangar.api.web.RequestBodies;
import dev.hangar.engine.EngineException;
import dev.hangar.model.auth.CookieSessionView;
import dev.hangar.model.auth.CreateUserRequest;
import dev.hangar.model.auth.LoginRequest;
import dev.hangar.model.auth.SessionView;
import dev.hangar.model.auth.UserView;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Logging in and out, and adding and showing users. */
@RestController
class SessionController {

  private final UserStore users;
  private final SessionStore sessions;
  private final RequestBodies bodies;
  private final PasswordLogin logins;
  private final SessionCookie cookie;

  SessionController(
      UserStore users,
      SessionStore sessions,
      RequestBodies bodies,
      PasswordLogin logins,
      SessionCookie cookie) {
    this.users = users;
    this.sessions = sessions;
    this.bodies = bodies;
    this.logins = logins;
    this.cookie = cookie;
  }

  @ApiContract(
      summary = "Log in: a session token",
      access = Access.ANYONE,
      body = LoginRequest.class,
      problems = {ProblemCode.INVALID_CREDENTIALS, ProblemCode.TOO_MANY_ATTEMPTS})
  @PostMapping("/v1/sessions")
  SessionView login(HttpServletRequest request) {
    return sessions.open(verify(request));
  }

  /**
   * The dashboard's login: the session goes into an HttpOnly cookie, not into the answer, so no
   * script on the page can read it.
   */
  @ApiContract(
      summary = "Log in: a session kept in an HttpOnly cookie (the dashboard's)",
      access = Access.ANYONE,
      body = LoginRequest.class,
      problems = {ProblemCode.INVALID_CREDENTIALS, ProblemCode.TOO_MANY_ATTEMPTS})
  @PostMapping("/v1/sessions/cookie")
  CookieSessionView loginWithCookie(HttpServletRequest request, HttpServletResponse response) {
    SessionView session = sessions.open(verify(request));
    cookie.set(request, response, session.token());
    return new CookieSessionView(session.expiresAt(), session.user());
  }

  @ApiContract(summary = "Who this session belongs to", access = Access.USER)
  @GetMapping("/v1/sessions/current")
  UserView current(User user) {
    return user.view();
  }

  /** Clears the dashboard's cookie too, whichever way the session came. */
  @ApiContract(summary = "Log out: end this session", access = Access.USER, status = 204)
  @DeleteMapping("/v1/sessions/current")
  ResponseEntity<Void> logout(User user, HttpServletRequest request, HttpServletResponse response) {
    sessions.end(UserResolver.sessionToken(request));
    cookie.clear(request, response);
    return ResponseEntity.noContent().build();
  }

  private User verify(HttpServletRequest request) {
    LoginRequest login = bodies.fromUser(request, LoginRequest.class);
    return logins
        .verify(login, LoginPeer.of(request))
        .orElseThrow(
            () ->
                new ApiException(
                    HttpStatus.UNAUTHORIZED,
                    "invalid_credentials",
                    "unknown username or wrong password"));
  }

  @ApiContract(
      summary = "Add a user",
      access = Access.ADMIN,
      body = CreateUserRequest.class,
      status = 201,
      problems = ProblemCode.USERNAME_TAKEN)
  @PostMapping("/v1/users")
  UserView createUser(User user, HttpServletRequest request, HttpServletResponse response) {
    if (!user.admin()) {
      throw ApiException.forbidden("admin_required", "only an admin may add users");
    }
    User created = users.create(bodies.fromUser(request, CreateUserRequest.class));
    return Answers.created(response, "/v1/users/" + created.id(), created.view());
  }

  /**
   * The view {@code POST /v1/users} answered, at its {@code Location}. Anyone else than an admin or
   * the user themself is refused before the id is looked up, so nobody learns which ids exist.
   */
  @ApiContract(
      summary = "A user (an admin, or the user)",
      access = Access.USER,
      problems = {ProblemCode.ADMIN_REQUIRED, ProblemCode.USER_NOT_FOUND})
  @GetMapping("/v1/users/{userId}")
  UserView user(User user, @PathVariable String userId) {
    if (!user.admin() && !user.id().equals(userId)) {
      throw ApiException.forbidden("admin_required", "only an admin may see other users");
    }
    return users
        .find(userId)
        .map(User::view)
        .orElseThrow(() -> EngineException.notFound("user_not_found", "no user has this id"));
  }
}
