package dev.hangar.runner.api;

import dev.hangar.model.auth.LoginRequest;
import dev.hangar.model.auth.SessionView;
import dev.hangar.model.runners.RegisterRunnerRequest;
import dev.hangar.model.runners.RegisteredRunner;

/** What registering needs of a person's session: log in, register the runner, log out. */
public final class UserApi {

  private final Http http;

  public UserApi(String baseUrl) {
    this.http = new Http(baseUrl);
  }

  public SessionView login(String username, String password) throws InterruptedException {
    return http.send(
            "POST",
            "/v1/sessions",
            null,
            new LoginRequest(username, password),
            SessionView.class,
            Http.REQUEST_TIMEOUT)
        .orElseThrow();
  }

  public void logout(String sessionToken) throws InterruptedException {
    http.send(
        "DELETE", "/v1/sessions/current", sessionToken, null, Void.class, Http.REQUEST_TIMEOUT);
  }

  public RegisteredRunner register(String sessionToken, RegisterRunnerRequest request)
      throws InterruptedException {
    return http.send(
            "POST",
            "/v1/runners/register",
            sessionToken,
            request,
            RegisteredRunner.class,
            Http.REQUEST_TIMEOUT)
        .orElseThrow();
  }
}
