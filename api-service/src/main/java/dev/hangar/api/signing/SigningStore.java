package dev.hangar.api.signing;

import dev.hangar.api.redis.ApiKeys;
import dev.hangar.engine.EngineException;
import dev.hangar.engine.redis.RedisClock;
import dev.hangar.engine.runners.AuthenticatedRunner;
import dev.hangar.engine.support.EngineJson;
import dev.hangar.engine.support.Ids;
import dev.hangar.model.signing.SigningAuditEntry;
import java.time.Instant;
import java.util.List;
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

  private static final Logger log = LoggerFactory.getLogger(SigningStore.class);

  private final StringRedisTemplate redis;
  private final StoreSigningScript storeScript;
  private final DeleteSigningScript deleteScript;
  private final ReleaseSigningScript releaseScript;
  private final ResealSigningScript resealScript;
  private final ApiKeys keys;
  private final RedisClock clock;
  private final SecretBox box;

  SigningStore(
      StringRedisTemplate redis,
      StoreSigningScript storeScript,
      DeleteSigningScript deleteScript,
      ReleaseSigningScript releaseScript,
      ResealSigningScript resealScript,
      ApiKeys keys,
      RedisClock clock,
      SecretBox box) {
    this.redis = redis;
    this.storeScript = storeScript;
    this.deleteScript = deleteScript;
    this.releaseScript = releaseScript;
    this.resealScript = resealScript;
    this.keys = keys;
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
    if (!storeScript.run(pipelineId, kind, sealed, EngineJson.write(info), userId, caller)) {
      throw EngineException.notFound("pipeline_not_found", "no pipeline " + pipelineId);
    }
    log.info("{} signing uploaded for {} by {}", kind.wire(), pipelineId, userId);
  }

  <T> Optional<T> info(String pipelineId, SigningKind kind, Class<T> type) {
    Object info = redis.opsForHash().get(keys.signing(pipelineId, kind.wire()), "info");
    return Optional.ofNullable(info).map(json -> EngineJson.read((String) json, type));
  }

  boolean delete(String pipelineId, SigningKind kind, String userId, Caller caller) {
    return deleteScript.run(pipelineId, kind, userId, caller);
  }

  /**
   * The material, for the runner holding the job's live lease only (rules in release_signing.lua).
   */
  <T> T release(
      AuthenticatedRunner runner, String jobId, SigningKind kind, Caller caller, Class<T> type) {
    if (!Ids.looksLike("build", jobId)) {
      throw EngineException.notFound("job_not_found", "no such job");
    }
    return switch (releaseScript.run(runner.id(), jobId, kind, caller)) {
      case SigningRelease.Released released -> {
        log.info(
            "{} signing of {} released to {} for {}",
            kind.wire(),
            released.pipelineId(),
            runner.id(),
            jobId);
        yield EngineJson.read(
            box.open(released.sealed(), kind.context(released.pipelineId())), type);
      }
      case SigningRelease.Refused refused -> throw refusal(refused);
    };
  }

  private static EngineException refusal(SigningRelease.Refused refused) {
    String code = refused.refusal().code();
    return switch (refused.refusal()) {
      case JOB_NOT_FOUND, SIGNING_NOT_CONFIGURED ->
          EngineException.notFound(code, refused.detail());
      case NOT_YOUR_JOB -> EngineException.forbidden(code, refused.detail());
      case LEASE_LOST, PLATFORM_MISMATCH -> EngineException.conflict(code, refused.detail());
    };
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
        String context = SigningKind.fromWire(parts[1]).context(parts[0]);
        String again = box.seal(box.open((String) sealed, context), context);
        if (resealScript.run(key, (String) sealed, again)) {
          resealed++;
        }
      }
    }
    log.info("re-sealed {} signing values under the current HANGAR_SECRETS_KEY", resealed);
    return resealed;
  }
}
