package dev.hangar.api.auth;

import dev.hangar.api.redis.ApiKeys;
import dev.hangar.api.redis.ApiScripts;
import dev.hangar.engine.redis.LuaScript;
import dev.hangar.engine.redis.ScriptRunner;
import java.util.List;
import org.springframework.stereotype.Component;

/** {@code create_user.lua}: creates a user unless the username is taken. */
@Component
class CreateUserScript {

  private static final LuaScript SCRIPT = ApiScripts.load("create_user");

  private final ScriptRunner scripts;
  private final ApiKeys keys;

  CreateUserScript(ScriptRunner scripts, ApiKeys keys) {
    this.scripts = scripts;
    this.keys = keys;
  }

  /** Whether the user was created; false when the username was taken. */
  boolean run(String userId, String username, String passwordHash, boolean admin) {
    return scripts
        .run(
            SCRIPT,
            List.of(keys.username(username), keys.user(userId), keys.users()),
            userId,
            username,
            passwordHash,
            admin ? "1" : "0")
        .flag(0);
  }
}
