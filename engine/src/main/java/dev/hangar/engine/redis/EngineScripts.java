package dev.hangar.engine.redis;

/** The engine's Lua scripts, in the engine's own directory with the engine's library in front. */
public final class EngineScripts {

  private static final ScriptDirectory DIRECTORY =
      new ScriptDirectory("dev/hangar/engine/scripts", "_lib");

  private EngineScripts() {}

  public static LuaScript load(String name) {
    return DIRECTORY.script(name);
  }
}
