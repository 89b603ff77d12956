package dev.hangar.engine.redis;

import java.util.List;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * One Lua script as Redis runs it (its module's library, then the script itself), read once and
 * called by its SHA-1 so a call sends only the hash.
 */
public final class LuaScript {

  private final String resource;
  private final RedisScript<List> script;

  LuaScript(String resource, String text) {
    this.resource = resource;
    this.script = new DefaultRedisScript<>(text, List.class);
  }

  /** Where the script was read from, for messages. */
  public String resource() {
    return resource;
  }

  /** What {@code EVAL} or {@code SCRIPT LOAD} takes. */
  public String text() {
    return script.getScriptAsString();
  }

  /** What {@code EVALSHA} takes. */
  public String sha1() {
    return script.getSha1();
  }

  RedisScript<List> redisScript() {
    return script;
  }

  @Override
  public String toString() {
    return resource;
  }
}
