package dev.hangar.api.signing;

import dev.hangar.api.redis.ApiKeys;
import dev.hangar.engine.support.EngineJson;
import dev.hangar.model.Platform;
import dev.hangar.model.signing.AndroidSigningUpload;
import dev.hangar.model.signing.IosSigningUpload;
import java.util.List;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * The passwords of the signing material a pipeline's builds are handed, so the server can mask them
 * in build logs as the runner does. They are opened in memory only, never logged or stored.
 */
@Component
public class SigningPasswords {

  private final StringRedisTemplate redis;
  private final ApiKeys keys;
  private final SecretBox box;

  SigningPasswords(StringRedisTemplate redis, ApiKeys keys, SecretBox box) {
    this.redis = redis;
    this.keys = keys;
    this.box = box;
  }

  /** The passwords of the material a build on {@code platform} gets; none when there is none. */
  public List<String> of(String pipelineId, Platform platform) {
    for (SigningKind kind : SigningKind.values()) {
      if (!kind.fits(platform)) {
        continue;
      }
      Object sealed = redis.opsForHash().get(keys.signing(pipelineId, kind.wire()), "sealed");
      if (sealed == null) {
        return List.of();
      }
      byte[] material = box.open((String) sealed, kind.context(pipelineId));
      return switch (kind) {
        case ANDROID -> {
          AndroidSigningUpload android = EngineJson.read(material, AndroidSigningUpload.class);
          yield List.of(android.keystorePassword(), android.keyPassword());
        }
        case IOS ->
            List.of(EngineJson.read(material, IosSigningUpload.class).certificatePassword());
      };
    }
    return List.of();
  }
}
