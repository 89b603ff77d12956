package dev.hangar.api.signing;

import static dev.hangar.api.signing.SigningMaterial.b64;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.api.support.ApiClient;
import dev.hangar.api.support.ApiInstance;
import dev.hangar.api.support.Given;
import dev.hangar.testing.HangarNamespaceExtension;
import dev.hangar.testing.TestNamespace;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Rotating HANGAR_SECRETS_KEY: an instance started with the new key and the old one as
 * HANGAR_SECRETS_KEY_PREVIOUS still releases material sealed before; POST /v1/signing/rotate
 * re-seals it, after which the old key can be dropped.
 */
@ExtendWith(HangarNamespaceExtension.class)
class KeyRotationIT {

  @Test
  void materialSurvivesARotation(TestNamespace namespace) {
    String oldKey = key();
    String newKey = key();
    byte[] keystore =
        SigningMaterial.keystore(
            "PKCS12", SigningMaterial.identity("Upload Key"), "store-pass", "upload", "key-pass");
    String pipeline;
    try (ApiInstance before = ApiInstance.start(namespace, Map.of("hangar.secrets-key", oldKey))) {
      Given given = new Given(before.client());
      pipeline = given.pipeline("android");
      before
          .client()
          .send(
              "PUT",
              "/v1/pipelines/" + pipeline + "/android-signing",
              given.adminToken(),
              Map.of(
                  "keystore_base64",
                  b64(keystore),
                  "keystore_password",
                  "store-pass",
                  "key_alias",
                  "upload",
                  "key_password",
                  "key-pass"),
              "application/json")
          .expect(200);
    }
    try (ApiInstance during =
        ApiInstance.start(
            namespace,
            Map.of("hangar.secrets-key", newKey, "hangar.secrets-key-previous", oldKey))) {
      Given given = new Given(during.client());
      assertThat(fetch(during.client(), given, pipeline)).isEqualTo(keystore);
      assertThat(
              during
                  .client()
                  .post("/v1/signing/rotate", given.adminToken(), null)
                  .expect(200)
                  .json()
                  .path("resealed")
                  .asInt())
          .isEqualTo(1);
      assertThat(
              during
                  .client()
                  .post("/v1/signing/rotate", given.adminToken(), null)
                  .expect(200)
                  .json()
                  .path("resealed")
                  .asInt())
          .isZero();
    }
    try (ApiInstance after = ApiInstance.start(namespace, Map.of("hangar.secrets-key", newKey))) {
      assertThat(fetch(after.client(), new Given(after.client()), pipeline)).isEqualTo(keystore);
    }
  }

  /**
   * The same in a JVM whose default locale is Turkish, where "android" upper-cases to "ANDROİD": a
   * stored key must still name its kind. In a namespace of its own, so the other test's material,
   * sealed under other keys, is not in its way.
   */
  @Test
  void materialSurvivesARotationWhateverTheDefaultLocale() throws Exception {
    Locale before = Locale.getDefault();
    try (TestNamespace own = TestNamespace.create()) {
      Locale.setDefault(Locale.forLanguageTag("tr-TR"));
      materialSurvivesARotation(own);
    } finally {
      Locale.setDefault(before);
    }
  }

  /** Queues a build of the pipeline, claims it with a fresh runner and fetches the keystore. */
  private static byte[] fetch(ApiClient api, Given given, String pipeline) {
    Given.Runner runner = given.runner(List.of("android"), Map.of(), List.of(), 1);
    String build = given.build(pipeline);
    api.post(runner.path("/claim"), runner.token(), null).expect(200);
    byte[] keystore =
        Base64.getDecoder()
            .decode(
                api.get(runner.path("/jobs/" + build + "/android-signing"), runner.token())
                    .expect(200)
                    .text("keystore_base64"));
    api.post(runner.path("/jobs/" + build + "/status"), runner.token(), Map.of("status", "failed"))
        .expect(200);
    return keystore;
  }

  private static String key() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }
}
