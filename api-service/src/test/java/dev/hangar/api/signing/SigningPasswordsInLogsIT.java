package dev.hangar.api.signing;

import static dev.hangar.api.signing.SigningMaterial.b64;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.api.support.ApiClient;
import dev.hangar.api.support.Given;
import dev.hangar.api.support.Hangar;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The signing passwords of a pipeline never reach its builds' logs, nor Redis on the way, even when
 * a step prints one and the runner sends it cut in two chunks (docs/logs.md, "Masking").
 */
class SigningPasswordsInLogsIT {

  private static final String STORE_PASSWORD = "store-pass-4Lm8";
  private static final String KEY_PASSWORD = "key-pass-9Wq2";

  private static Hangar hangar;
  private static ApiClient api;
  private static Given given;

  @BeforeAll
  static void start() {
    hangar = Hangar.start(1, 0, Map.of());
    api = hangar.client();
    given = new Given(api);
  }

  @AfterAll
  static void stop() throws Exception {
    hangar.close();
  }

  @Test
  void aSigningPasswordPrintedByAStepIsMaskedAlsoWhenCutInTwo() {
    String pipeline = given.pipeline(given.project(), "android", List.of("signed"), Map.of());
    SigningMaterial.Identity identity = SigningMaterial.identity("Upload Key");
    byte[] keystore =
        SigningMaterial.keystore("PKCS12", identity, STORE_PASSWORD, "upload", KEY_PASSWORD);
    api.send(
            "PUT",
            "/v1/pipelines/" + pipeline + "/android-signing",
            given.adminToken(),
            Map.of(
                "keystore_base64",
                b64(keystore),
                "keystore_password",
                STORE_PASSWORD,
                "key_alias",
                "upload",
                "key_password",
                KEY_PASSWORD),
            "application/json")
        .expect(200);
    Given.Runner runner = given.runner(List.of("android"), Map.of(), List.of("signed"), 1);
    String build = given.build(pipeline);
    api.post(runner.path("/claim?wait=10"), runner.token(), null).expect(200);
    String logs = runner.path("/jobs/" + build + "/logs?attempt=1&offset=");
    String line = "storePassword=" + STORE_PASSWORD + " keyPassword=" + KEY_PASSWORD + "\n";
    int cut = line.indexOf(STORE_PASSWORD) + 6;
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);

    api.send(
            "POST",
            logs + 0,
            runner.token(),
            java.util.Arrays.copyOfRange(bytes, 0, cut),
            "application/octet-stream")
        .expect(200);
    RedisCommands<String, String> redis = hangar.namespace().redis();
    String key = hangar.namespace().name() + ":log:" + build;
    String between = redis.get(key) + redis.hgetall(key + ":state");
    api.send(
            "POST",
            logs + cut,
            runner.token(),
            java.util.Arrays.copyOfRange(bytes, cut, bytes.length),
            "application/octet-stream")
        .expect(200);

    assertThat(api.get("/v1/builds/" + build + "/logs", given.adminToken()).expect(200).body())
        .isEqualTo("storePassword=[masked] keyPassword=[masked]\n");
    assertThat(between).doesNotContain(STORE_PASSWORD.substring(0, 6));
    assertThat(redis.get(key)).doesNotContain(STORE_PASSWORD.substring(0, 6), KEY_PASSWORD);
  }
}
