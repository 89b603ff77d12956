package dev.hangar.api.redis;

import dev.hangar.engine.redis.LuaScript;
import dev.hangar.engine.redis.ScriptDirectory;

/**
 * The api-service's Lua scripts, in the api-service's own directory with its own library in front:
 * never the engine's library, which is the engine's to change.
 */
public final class ApiScripts {

  private static final ScriptDirectory DIRECTORY =
      new ScriptDirectory("dev/hangar/api/scripts", "_lib");

  private ApiScripts() {}

  public static LuaScript load(String name) {
    return DIRECTORY.script(name);
  }
}
