package dev.hangar.api.signing;

import dev.hangar.api.redis.ApiKeys;
import dev.hangar.api.redis.ApiScripts;
import dev.hangar.engine.EngineException;
import dev.hangar.engine.redis.Keys;
import dev.hangar.engine.redis.LuaScript;
import dev.hangar.engine.redis.RedisClock;
import dev.hangar.engine.redis.Scripts;
import dev.hangar.engine.runners.AuthenticatedRunner;
import dev.hangar.engine.support.EngineJson;
import dev.hangar.engine.support.Ids;
import dev.hangar.model.signing.SigningAuditEntry;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Pipeline signing material in Redis: sealed (see {@link SecretBox}) beside its metadata, every
 * upload, delete and release written to the pipeline's audit trail in the same script. Nothing here
 * logs material or passwords; what is logged names pipelines and jobs only.
 */
@Component
class SigningStore {

  private static final LuaScript STORE_SIGNING = ApiScripts.load("store_signing");
  private static final LuaScript DELETE_SIGNING = ApiScripts.load("delete_signing");
  private static final LuaScript RELEASE_SIGNING = ApiScripts.load("release_signing");
  private static final LuaScript RESEAL_SIGNING = ApiScripts.load("reseal_signing");

  private static final Logger log = LoggerFactory.getLogger(SigningStore.class);

  private final StringRedisTemplate redis;
  private final Scripts scripts;
  private final ApiKeys keys;
  private final Keys engineKeys;
  private final RedisClock clock;
  private final SecretBox box;

  SigningStore(
      StringRedisTemplate redis,
      Scripts scripts,
      ApiKeys keys,
      Keys engineKeys,
      RedisClock clock,
      SecretBox box) {
    this.redis = redis;
    this.scripts = scripts;
    this.keys = keys;
    this.engineKeys = engineKeys;
    this.clock = clock;
    this.box = box;
  }

  Instant now() {
    return Instant.ofEpochMilli(clock.nowMillis());
  }

  /** Seals and stores the material (the upload as sent) with its metadata. */
  void put(
      String pipelineId,
      SigningKind kind,
      Object material,
      Object info,
      String userId,
      Caller caller) {
    String sealed = box.seal(EngineJson.writeBytes(material), kind.context(pipelineId));
    scripts.run(
        STORE_SIGNING,
        List.of(keys.signing(pipelineId, kind.wire()), keys.signingAudit(pipelineId)),
        sealed,
        EngineJson.write(info),
        kind.wire(),
        userId,
        caller.address(),
        caller.forwardedFor());
    log.info("{} signing uploaded for {} by {}", kind.wire(), pipelineId, userId);
  }

  <T> Optional<T> info(String pipelineId, SigningKind kind, Class<T> type) {
    Object info = redis.opsForHash().get(keys.signing(pipelineId, kind.wire()), "info");
    return Optional.ofNullable(info).map(json -> EngineJson.read((String) json, type));
  }

  boolean delete(String pipelineId, SigningKind kind, String userId, Caller caller) {
    Long deleted =
        (Long)
            scripts
                .run(
                    DELETE_SIGNING,
                    List.of(keys.signing(pipelineId, kind.wire()), keys.signingAudit(pipelineId)),
                    kind.wire(),
                    userId,
                    caller.address(),
                    caller.forwardedFor())
                .getFirst();
    return deleted == 1;
  }

  /**
   * The material, for the runner holding the job's live lease only (rules in release_signing.lua).
   */
  <T> T release(
      AuthenticatedRunner runner, String jobId, SigningKind kind, Caller caller, Class<T> type) {
    if (!Ids.looksLike("build", jobId)) {
      throw EngineException.notFound("job_not_found", "no such job");
    }
    List<Object> r =
        scripts.run(
            RELEASE_SIGNING,
            List.of(engineKeys.build(jobId)),
            keys.prefix(),
            jobId,
            runner.id(),
            kind.wire(),
            kind.platformList(),
            caller.address(),
            caller.forwardedFor());
    String outcome = (String) r.getFirst();
    switch (outcome) {
      case "ok" -> {
        log.info(
            "{} signing of {} released to {} for {}", kind.wire(), r.get(2), runner.id(), jobId);
        return EngineJson.read(box.open((String) r.get(1), kind.context((String) r.get(2))), type);
      }
      case "job_not_found", "signing_not_configured" ->
          throw EngineException.notFound(outcome, (String) r.get(1));
      case "not_your_job" -> throw EngineException.forbidden(outcome, (String) r.get(1));
      default -> throw EngineException.conflict(outcome, (String) r.get(1));
    }
  }

  List<SigningAuditEntry> audit(String pipelineId) {
    List<String> entries = redis.opsForList().range(keys.signingAudit(pipelineId), 0, -1);
    return entries == null
        ? List.of()
        : entries.stream().map(json -> EngineJson.read(json, SigningAuditEntry.class)).toList();
  }

  /** Re-seals every value not sealed under the current key; returns how many were re-sealed. */
  int rotate() {
    int resealed = 0;
    try (Cursor<String> cursor =
        redis.scan(ScanOptions.scanOptions().match(keys.signing("*", "*")).count(500).build())) {
      while (cursor.hasNext()) {
        String key = cursor.next();
        Object sealed = redis.opsForHash().get(key, "sealed");
        if (sealed == null || box.isCurrent((String) sealed)) {
          continue;
        }
        String[] parts = key.substring((keys.prefix() + "signing:").length()).split(":");
        String context = SigningKind.valueOf(parts[1].toUpperCase(Locale.ROOT)).context(parts[0]);
        String again = box.seal(box.open((String) sealed, context), context);
        resealed +=
            ((Long) scripts.run(RESEAL_SIGNING, List.of(key), sealed, again).getFirst()).intValue();
      }
    }
    log.info("re-sealed {} signing values under the current HANGAR_SECRETS_KEY", resealed);
    return resealed;
  }
}
