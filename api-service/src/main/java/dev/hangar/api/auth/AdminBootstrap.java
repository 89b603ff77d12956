package dev.hangar.api.auth;

import dev.hangar.api.ApiSettings;
import dev.hangar.engine.support.Tokens;
import dev.hangar.model.auth.CreateUserRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * On first start with no users, creates {@code admin} with HANGAR_ADMIN_PASSWORD, or with a
 * generated password logged once. Two instances starting together create one admin (the name is
 * claimed in a script); a later change of HANGAR_ADMIN_PASSWORD does not touch an existing admin.
 */
@Component
class AdminBootstrap implements SmartInitializingSingleton {

  private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

  private final UserStore users;
  private final ApiSettings settings;

  AdminBootstrap(UserStore users, ApiSettings settings) {
    this.users = users;
    this.settings = settings;
  }

  /**
   * Before the web server starts, so a login right after the health check turns UP finds the admin.
   */
  @Override
  public void afterSingletonsInstantiated() {
    if (users.anyExist()) {
      return;
    }
    boolean generated = settings.adminPassword() == null;
    String password = generated ? Tokens.generate("").substring(0, 24) : settings.adminPassword();
    users
        .tryCreate(new CreateUserRequest("admin", password, true))
        .ifPresent(
            admin -> {
              if (generated) {
                // Logged once, on the only start that can know it; set HANGAR_ADMIN_PASSWORD to
                // choose it.
                log.warn("created user 'admin' with generated password: {}", password);
              } else {
                log.info("created user 'admin' with the password from HANGAR_ADMIN_PASSWORD");
              }
            });
  }
}
