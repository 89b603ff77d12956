package dev.hangar.api.signing;

import static dev.hangar.api.signing.SigningMaterial.b64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.hangar.api.support.ApiClient;
import dev.hangar.api.support.Given;
import dev.hangar.api.support.Hangar;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * docs/signing.md end to end with real material: uploads are checked as a build would use them,
 * answers carry metadata only, and the material reaches only the runner holding the job's live
 * lease, byte for byte, with every step audited; no secret lands in Redis or the log.
 */
class SigningIT {

  private static final String STORE_PASSWORD = "store-pass-7Qx9";
  private static final String KEY_PASSWORD = "key-pass-3Vb1";
  private static final String P12_PASSWORD = "p12-pass-8Kd2";
  private static final String TEAM = "ABCDE12345";
  private static final String BUNDLE = "com.example.shop";

  private static Hangar hangar;
  private static ApiClient api;
  private static Given given;
  private static ListAppender<ILoggingEvent> log;
  private static SigningMaterial.Identity identity;
  private static byte[] keystore;
  private static SigningMaterial.Identity distribution;
  private static byte[] p12;

  /**
   * Stands in for Apple's chain: the root is trusted through hangar.signing.extra-trusted-roots.
   */
  private static SigningMaterial.Identity root;

  private static SigningMaterial.Identity intermediate;
  private static SigningMaterial.Identity profileSigner;
  private static Path trustedRoots;

  @BeforeAll
  static void start() throws Exception {
    root = SigningMaterial.authority("Hangar Test Root CA", null);
    intermediate = SigningMaterial.authority("Hangar Test iPhone Certification Authority", root);
    profileSigner =
        SigningMaterial.issued("Hangar Test Provisioning Profile Signing", intermediate);
    trustedRoots = Files.createTempFile("hangar-trusted-roots", ".pem");
    Files.writeString(trustedRoots, SigningMaterial.pem(List.of(root.certificate())));
    // Spring's web layer at DEBUG logs the start of request bodies it converts: the secrecy check
    // runs with it on, so a body read through a converter would show up in the captured log.
    hangar =
        Hangar.start(
            1,
            1,
            Map.of(
                "hangar.lease-ttl",
                "2s",
                "hangar.heartbeat-interval",
                "1s",
                "logging.level.org.springframework.web",
                "DEBUG",
                "hangar.signing.extra-trusted-roots",
                trustedRoots.toString()));
    // After start-up: Spring Boot re-initialises logging when a context starts.
    log = new ListAppender<>();
    log.start();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(log);
    api = hangar.client();
    given = new Given(api);
    identity = SigningMaterial.identity("Upload Key");
    keystore = SigningMaterial.keystore("PKCS12", identity, STORE_PASSWORD, "upload", KEY_PASSWORD);
    distribution = SigningMaterial.identity("iPhone Distribution");
    p12 = SigningMaterial.keystore("PKCS12", distribution, P12_PASSWORD, "dist", P12_PASSWORD);
  }

  @AfterAll
  static void stop() throws Exception {
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(log);
    hangar.close();
    Files.delete(trustedRoots);
  }

  @Test
  void theRunnerHoldingTheJobGetsTheKeystoreByteForByteAndNobodyElseDoes() {
    String pipeline = given.pipeline(given.project(), "android", List.of("sign"), Map.of());
    JsonNode info =
        api.sendWithHeaders(
                "PUT",
                "/v1/pipelines/" + pipeline + "/android-signing",
                Map.of(
                    "Authorization",
                    "Bearer " + given.adminToken(),
                    "X-Forwarded-For",
                    "203.0.113.7"),
                android(keystore))
            .expect(200)
            .json();
    assertThat(info.path("keystore_type").asString()).isEqualTo("PKCS12");
    assertThat(info.path("key_alias").asString()).isEqualTo("upload");
    assertThat(info.path("certificate").path("subject").asString()).contains("CN=Upload Key");
    assertThat(info.path("certificate").path("sha256").asString())
        .matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
    JsonNode shown =
        api.get("/v1/pipelines/" + pipeline + "/android-signing", given.adminToken())
            .expect(200)
            .json();
    assertThat(shown).isEqualTo(info);
    assertThat(shown.toString())
        .doesNotContain(STORE_PASSWORD, KEY_PASSWORD, b64(keystore).substring(0, 40));

    Given.Runner holder = runner("sign");
    Given.Runner other = runner("sign");
    String build = given.build(pipeline);
    api.post(holder.path("/claim"), holder.token(), null).expect(200);

    ApiClient.Response released =
        api.get(holder.path("/jobs/" + build + "/android-signing"), holder.token()).expect(200);
    assertThat(released.headers().get("cache-control")).containsExactly("no-store");
    assertThat(Base64.getDecoder().decode(released.text("keystore_base64"))).isEqualTo(keystore);
    assertThat(released.text("keystore_password")).isEqualTo(STORE_PASSWORD);
    assertThat(released.text("key_alias")).isEqualTo("upload");
    assertThat(released.text("key_password")).isEqualTo(KEY_PASSWORD);

    assertProblem(
        api.get(other.path("/jobs/" + build + "/android-signing"), other.token()),
        403,
        "not_your_job");
    assertProblem(
        api.get(holder.path("/jobs/" + build + "/ios-signing"), holder.token()),
        409,
        "platform_mismatch");
    assertProblem(
        api.get(holder.path("/jobs/build_aaaaaaaaaaaaaaaa/android-signing"), holder.token()),
        404,
        "job_not_found");

    api.post(holder.path("/jobs/" + build + "/status"), holder.token(), Map.of("status", "running"))
        .expect(200);
    api.post(
            holder.path("/jobs/" + build + "/status"),
            holder.token(),
            Map.of("status", "succeeded", "exit_code", 0))
        .expect(200);
    assertProblem(
        api.get(holder.path("/jobs/" + build + "/android-signing"), holder.token()),
        409,
        "lease_lost");

    List<JsonNode> audit = audit(pipeline);
    assertThat(audit)
        .extracting(e -> e.path("action").asString())
        .containsExactly("uploaded", "released");
    JsonNode release = audit.get(1);
    assertThat(release.path("runner_id").asString()).isEqualTo(holder.id());
    assertThat(release.path("job_id").asString()).isEqualTo(build);
    assertThat(release.path("attempt").asInt()).isEqualTo(1);
    assertThat(release.path("address").asString()).isEqualTo("127.0.0.1");
    assertThat(audit.get(0).path("user_id").asString()).isNotBlank();
    assertThat(audit.get(0).path("address").asString())
        .as("the peer, not the header")
        .isEqualTo("127.0.0.1");
    assertThat(audit.get(0).path("forwarded_for").asString()).isEqualTo("203.0.113.7");

    assertNoSecretAnywhere(STORE_PASSWORD, KEY_PASSWORD, b64(keystore).substring(0, 64));
  }

  @Test
  void aLeaseThatRanOutReleasesNothing() {
    String pipeline = given.pipeline(given.project(), "android", List.of("late"), Map.of());
    JsonNode jks =
        put(
                pipeline,
                "android-signing",
                android(
                    SigningMaterial.keystore(
                        "JKS", identity, STORE_PASSWORD, "upload", KEY_PASSWORD)))
            .expect(200)
            .json();
    assertThat(jks.path("keystore_type").asString()).isEqualTo("JKS");
    Given.Runner runner = runner("late");
    String build = given.build(pipeline);
    api.post(runner.path("/claim"), runner.token(), null).expect(200);

    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                api.get("/v1/builds/" + build, given.adminToken()).json().path("attempt").asInt()
                    == 2);
    assertProblem(
        api.get(runner.path("/jobs/" + build + "/android-signing"), runner.token()),
        409,
        "lease_lost");
  }

  @Test
  void iosMaterialGoesToIosAndMacosBuildsOnly() {
    String project = given.project();
    String ios = given.pipeline(project, "macos", List.of("apple"), Map.of());
    JsonNode info =
        put(ios, "ios-signing", iosUpload(Instant.now().plus(Duration.ofDays(90)), BUNDLE))
            .expect(200)
            .json();
    assertThat(info.path("team_id").asString()).isEqualTo(TEAM);
    assertThat(info.path("certificate").path("subject").asString())
        .contains("CN=iPhone Distribution");
    assertThat(info.path("profiles").get(0).path("bundle_id").asString()).isEqualTo(BUNDLE);
    assertThat(info.path("profiles").get(0).path("name").asString()).isEqualTo("Shop App Store");
    assertThat(info.toString()).doesNotContain(P12_PASSWORD);

    Given.Runner mac = given.runner(List.of("macos"), Map.of(), List.of("apple"), 1);
    String build = given.build(ios);
    api.post(mac.path("/claim"), mac.token(), null).expect(200);
    ApiClient.Response released =
        api.get(mac.path("/jobs/" + build + "/ios-signing"), mac.token()).expect(200);
    assertThat(Base64.getDecoder().decode(released.text("certificate_p12_base64"))).isEqualTo(p12);
    assertThat(released.text("certificate_password")).isEqualTo(P12_PASSWORD);
    assertThat(released.json().path("profiles").get(0).path("bundle_id").asString())
        .isEqualTo(BUNDLE);
    assertProblem(
        api.get(mac.path("/jobs/" + build + "/android-signing"), mac.token()),
        409,
        "platform_mismatch");

    api.delete("/v1/pipelines/" + ios + "/ios-signing", given.adminToken()).expect(204);
    assertProblem(
        api.get("/v1/pipelines/" + ios + "/ios-signing", given.adminToken()),
        404,
        "signing_not_configured");
    assertProblem(
        api.get(mac.path("/jobs/" + build + "/ios-signing"), mac.token()),
        404,
        "signing_not_configured");
    assertProblem(
        api.delete("/v1/pipelines/" + ios + "/ios-signing", given.adminToken()),
        404,
        "signing_not_configured");
    assertThat(audit(ios))
        .extracting(e -> e.path("action").asString())
        .containsExactly("uploaded", "released", "deleted");
    assertNoSecretAnywhere(P12_PASSWORD, b64(p12).substring(0, 64));
  }

  @Test
  void mistakesAreCaughtAtUploadNamingTheField() {
    String android = given.pipeline("android");
    assertField(
        put(
            android,
            "android-signing",
            Map.of(
                "keystore_base64",
                b64(keystore),
                "keystore_password",
                "wrong",
                "key_alias",
                "upload",
                "key_password",
                KEY_PASSWORD)),
        "keystore_password");
    assertField(
        put(
            android,
            "android-signing",
            Map.of(
                "keystore_base64",
                b64(keystore),
                "keystore_password",
                STORE_PASSWORD,
                "key_alias",
                "upload",
                "key_password",
                "wrong")),
        "key_password");
    assertField(
        put(
            android,
            "android-signing",
            Map.of(
                "keystore_base64",
                b64(keystore),
                "keystore_password",
                STORE_PASSWORD,
                "key_alias",
                "other",
                "key_password",
                KEY_PASSWORD)),
        "key_alias");
    assertField(
        put(
            android,
            "android-signing",
            Map.of(
                "keystore_base64",
                b64("not a keystore".getBytes()),
                "keystore_password",
                STORE_PASSWORD,
                "key_alias",
                "upload",
                "key_password",
                KEY_PASSWORD)),
        "keystore_base64");
    assertField(
        put(
            android,
            "android-signing",
            Map.of(
                "keystore_base64",
                "%%%",
                "keystore_password",
                STORE_PASSWORD,
                "key_alias",
                "upload",
                "key_password",
                KEY_PASSWORD)),
        "keystore_base64");

    String ios = given.pipeline("ios");
    ApiClient.Response expired =
        put(ios, "ios-signing", iosUpload(Instant.now().minus(Duration.ofDays(1)), BUNDLE));
    assertField(expired, "profiles[0].profile_base64");
    assertThat(expired.text("detail")).contains("expired on");
    assertField(
        put(
            ios,
            "ios-signing",
            iosUpload(Instant.now().plus(Duration.ofDays(30)), "com.example.other")),
        "profiles[0].bundle_id");
    Map<String, Object> wrongPassword =
        new java.util.HashMap<>(iosUpload(Instant.now().plus(Duration.ofDays(30)), BUNDLE));
    wrongPassword.put("certificate_password", "wrong");
    assertField(put(ios, "ios-signing", wrongPassword), "certificate_password");
    Map<String, Object> notSigned =
        new java.util.HashMap<>(iosUpload(Instant.now().plus(Duration.ofDays(30)), BUNDLE));
    notSigned.put(
        "profiles",
        List.of(Map.of("bundle_id", BUNDLE, "profile_base64", b64("<plist/>".getBytes()))));
    assertField(put(ios, "ios-signing", notSigned), "profiles[0].profile_base64");
    assertProblem(
        api.get("/v1/pipelines/" + ios + "/ios-signing", given.adminToken()),
        404,
        "signing_not_configured");
  }

  @Test
  void materialNoRunnerOfThePipelineCouldFetchIsRefusedAtUploadNamingThePipelinesPlatform() {
    String ios = given.pipeline("ios");
    ApiClient.Response androidOnIos = put(ios, "android-signing", android(keystore));
    assertProblem(androidOnIos, 409, "platform_mismatch");
    assertThat(androidOnIos.text("detail")).contains("builds for ios");

    String android = given.pipeline("android");
    ApiClient.Response iosOnAndroid =
        put(android, "ios-signing", iosUpload(Instant.now().plus(Duration.ofDays(30)), BUNDLE));
    assertProblem(iosOnAndroid, 409, "platform_mismatch");
    assertThat(iosOnAndroid.text("detail")).contains("builds for android");

    assertProblem(
        put(given.pipeline("macos"), "android-signing", android(keystore)),
        409,
        "platform_mismatch");
    assertProblem(
        put(
            given.pipeline("web"),
            "ios-signing",
            iosUpload(Instant.now().plus(Duration.ofDays(30)), BUNDLE)),
        409,
        "platform_mismatch");
    assertProblem(
        api.get("/v1/pipelines/" + ios + "/android-signing", given.adminToken()),
        404,
        "signing_not_configured");
    assertThat(audit(ios)).isEmpty();
  }

  @Test
  void aProfileWhoseSignerDoesNotChainToATrustedRootIsRefusedNamingIt() {
    String ios = given.pipeline("ios");
    Instant expires = Instant.now().plus(Duration.ofDays(30));
    SigningMaterial.Identity selfSigned =
        SigningMaterial.identity("Apple iPhone OS Provisioning Profile Signing");
    ApiClient.Response forged =
        put(
            ios,
            "ios-signing",
            iosUpload(
                SigningMaterial.profile(
                    selfSigned,
                    List.of(),
                    TEAM,
                    BUNDLE,
                    expires,
                    List.of(distribution.certificate()))));
    assertField(forged, "profiles[0].profile_base64");
    assertThat(forged.text("detail")).contains("is not signed by Apple");

    SigningMaterial.Identity strangersRoot =
        SigningMaterial.authority("Someone Else's Root CA", null);
    SigningMaterial.Identity strangersSigner =
        SigningMaterial.issued("Provisioning Profile Signing", strangersRoot);
    assertField(
        put(
            ios,
            "ios-signing",
            iosUpload(
                SigningMaterial.profile(
                    strangersSigner,
                    List.of(strangersRoot.certificate()),
                    TEAM,
                    BUNDLE,
                    expires,
                    List.of(distribution.certificate())))),
        "profiles[0].profile_base64");
    // Apple's profiles carry the intermediate and Hangar ships none: one without it does not chain.
    assertField(
        put(
            ios,
            "ios-signing",
            iosUpload(
                SigningMaterial.profile(
                    profileSigner,
                    List.of(),
                    TEAM,
                    BUNDLE,
                    expires,
                    List.of(distribution.certificate())))),
        "profiles[0].profile_base64");
    assertProblem(
        api.get("/v1/pipelines/" + ios + "/ios-signing", given.adminToken()),
        404,
        "signing_not_configured");

    put(ios, "ios-signing", iosUpload(expires, BUNDLE)).expect(200);
  }

  @Test
  void aProfileThatDoesNotListTheCertificateOfTheP12IsRefusedNamingIt() {
    String ios = given.pipeline("ios");
    Instant expires = Instant.now().plus(Duration.ofDays(30));
    List<X509Certificate> chain = List.of(intermediate.certificate(), root.certificate());
    X509Certificate colleagues =
        SigningMaterial.identity("iPhone Distribution: A Colleague").certificate();
    ApiClient.Response someoneElses =
        put(
            ios,
            "ios-signing",
            iosUpload(
                SigningMaterial.profile(
                    profileSigner, chain, TEAM, BUNDLE, expires, List.of(colleagues))));
    assertField(someoneElses, "profiles[0].profile_base64");
    assertThat(someoneElses.text("detail"))
        .contains("certificate_p12_base64", "DeveloperCertificates");
    assertField(
        put(
            ios,
            "ios-signing",
            iosUpload(
                SigningMaterial.profile(profileSigner, chain, TEAM, BUNDLE, expires, List.of()))),
        "profiles[0].profile_base64");
    assertProblem(
        api.get("/v1/pipelines/" + ios + "/ios-signing", given.adminToken()),
        404,
        "signing_not_configured");

    put(
            ios,
            "ios-signing",
            iosUpload(
                SigningMaterial.profile(
                    profileSigner,
                    chain,
                    TEAM,
                    BUNDLE,
                    expires,
                    List.of(colleagues, distribution.certificate()))))
        .expect(200);
  }

  private static Map<String, Object> android(byte[] keystoreBytes) {
    return Map.of(
        "keystore_base64",
        b64(keystoreBytes),
        "keystore_password",
        STORE_PASSWORD,
        "key_alias",
        "upload",
        "key_password",
        KEY_PASSWORD);
  }

  /**
   * A good upload: a profile for {@link #BUNDLE} signed through the trusted chain, listing the
   * .p12's certificate.
   */
  private static Map<String, Object> iosUpload(Instant profileExpires, String bundle) {
    return iosUpload(
        SigningMaterial.profile(
            profileSigner,
            List.of(intermediate.certificate(), root.certificate()),
            TEAM,
            BUNDLE,
            profileExpires,
            List.of(distribution.certificate())),
        bundle);
  }

  private static Map<String, Object> iosUpload(byte[] profile) {
    return iosUpload(profile, BUNDLE);
  }

  private static Map<String, Object> iosUpload(byte[] profile, String bundle) {
    return Map.of(
        "team_id",
        TEAM,
        "certificate_p12_base64",
        b64(p12),
        "certificate_password",
        P12_PASSWORD,
        "profiles",
        List.of(Map.of("bundle_id", bundle, "profile_base64", b64(profile))));
  }

  private static ApiClient.Response put(String pipeline, String kind, Map<String, Object> body) {
    return api.send(
        "PUT",
        "/v1/pipelines/" + pipeline + "/" + kind,
        given.adminToken(),
        body,
        "application/json");
  }

  private static Given.Runner runner(String label) {
    return given.runner(List.of("android"), Map.of(), List.of(label), 1);
  }

  private static List<JsonNode> audit(String pipeline) {
    List<JsonNode> entries = new ArrayList<>();
    api.get("/v1/pipelines/" + pipeline + "/signing-audit", given.adminToken())
        .expect(200)
        .json()
        .forEach(entries::add);
    return entries;
  }

  private static void assertProblem(ApiClient.Response response, int status, String code) {
    assertThat(response.status()).as(response.body()).isEqualTo(status);
    assertThat(response.text("code")).isEqualTo(code);
  }

  private static void assertField(ApiClient.Response response, String field) {
    assertProblem(response, 400, "validation_failed");
    assertThat(response.json().path("errors").findValuesAsString("field"))
        .as(response.body())
        .contains(field);
  }

  /**
   * Every value of every key in the namespace and every line logged in this JVM (the dispatcher's
   * among them), free of these secrets.
   */
  private static void assertNoSecretAnywhere(String... secrets) {
    RedisCommands<String, String> redis = hangar.namespace().redis();
    StringBuilder everything = new StringBuilder();
    ScanCursor cursor = ScanCursor.INITIAL;
    do {
      var page =
          redis.scan(
              cursor, ScanArgs.Builder.matches(hangar.namespace().name() + ":*").limit(1000));
      for (String key : page.getKeys()) {
        everything.append(key).append('\n');
        switch (redis.type(key)) {
          case "string" -> everything.append(redis.get(key));
          case "hash" ->
              redis
                  .hgetall(key)
                  .forEach((f, v) -> everything.append(f).append('=').append(v).append('\n'));
          case "list" -> redis.lrange(key, 0, -1).forEach(v -> everything.append(v).append('\n'));
          case "set" -> redis.smembers(key).forEach(v -> everything.append(v).append('\n'));
          case "zset" -> redis.zrange(key, 0, -1).forEach(v -> everything.append(v).append('\n'));
          default -> {}
        }
      }
      cursor = page;
    } while (!cursor.isFinished());
    StringBuilder logged = new StringBuilder();
    for (ILoggingEvent event : List.copyOf(log.list)) {
      logged.append(event.getFormattedMessage()).append('\n');
      if (event.getThrowableProxy() != null) {
        logged.append(event.getThrowableProxy().getMessage()).append('\n');
      }
    }
    assertThat(everything).as("Redis").isNotEmpty();
    assertThat(logged).as("log").isNotEmpty();
    for (String secret : secrets) {
      assertThat(everything.toString()).as("Redis holds a secret").doesNotContain(secret);
      assertThat(logged.toString()).as("the log holds a secret").doesNotContain(secret);
    }
  }
}
