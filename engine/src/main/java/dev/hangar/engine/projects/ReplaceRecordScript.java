package dev.hangar.engine.projects;

import dev.hangar.engine.redis.EngineScripts;
import dev.hangar.engine.redis.LuaScript;
import dev.hangar.engine.redis.ScriptRunner;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code replace_record.lua}: replaces a project's or pipeline's record if it still holds what the
 * change was made from.
 */
@Component
public class ReplaceRecordScript {

  private static final LuaScript SCRIPT = EngineScripts.load("replace_record");

  private final ScriptRunner scripts;

  public ReplaceRecordScript(ScriptRunner scripts) {
    this.scripts = scripts;
  }

  /** What became of a replacement. */
  public enum Outcome {
    REPLACED,
    /** Another change came first: read again and redo the change. */
    CHANGED,
    /** The record is gone (deleted). */
    MISSING
  }

  public Outcome run(String recordKey, String expected, String replacement) {
    return switch (scripts.run(SCRIPT, List.of(recordKey), expected, replacement).text(0)) {
      case "replaced" -> Outcome.REPLACED;
      case "changed" -> Outcome.CHANGED;
      default -> Outcome.MISSING;
    };
  }
}
