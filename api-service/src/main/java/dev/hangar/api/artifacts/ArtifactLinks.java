package dev.hangar.api.artifacts;

import dev.hangar.api.signing.SecretsSettings;
import dev.hangar.engine.EngineException;
import dev.hangar.engine.HangarProperties;
import dev.hangar.engine.artifacts.StoredArtifact;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Download links that need no session: a token naming the build, the artifact, its SHA-256 and the
 * link's expiry, signed with HMAC-SHA256. Any instance checks one without asking anything shared,
 * as every instance derives the same key from HANGAR_SECRETS_KEY (a key of its own, so a link's
 * signature says nothing about the key that seals signing material). The namespace is signed too,
 * so a link of one namespace opens nothing in another that shares the secrets key. Binding the
 * checksum means a link stops serving once its artifact is replaced. During a key rotation a link
 * signed under HANGAR_SECRETS_KEY_PREVIOUS still works; once that is unset, so are those links.
 */
@Component
class ArtifactLinks {

  /** What a valid token names; {@code expiresAt} in epoch milliseconds. */
  record Link(String buildId, String name, String sha256, long expiresAt) {}

  private static final String VERSION = "v1";

  /** Far above any token made here (a 255-byte name), so only garbage is cut off. */
  private static final int MAX_TOKEN = 1024;

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  /** New links are signed with the first; a link signed with any of them is valid. */
  private final List<SecretKeySpec> keys;

  private final String namespace;

  ArtifactLinks(SecretsSettings secrets, HangarProperties hangar) {
    List<SecretKeySpec> keys = new ArrayList<>();
    keys.add(linkKey(secrets.current()));
    secrets.previous().map(ArtifactLinks::linkKey).ifPresent(keys::add);
    this.keys = List.copyOf(keys);
    this.namespace = hangar.namespace();
  }

  /** A key of its own for links, derived from a secrets key. */
  private static SecretKeySpec linkKey(byte[] secretsKey) {
    return new SecretKeySpec(
        hmac(
            new SecretKeySpec(secretsKey, "HmacSHA256"),
            "hangar artifact links".getBytes(StandardCharsets.UTF_8)),
        "HmacSHA256");
  }

  String token(StoredArtifact artifact, long expiresAt) {
    String payload =
        String.join(
            "\n",
            VERSION,
            artifact.buildId(),
            artifact.sha256(),
            Long.toString(expiresAt),
            artifact.name());
    byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
    return ENCODER.encodeToString(bytes)
        + "."
        + ENCODER.encodeToString(signature(keys.getFirst(), bytes));
  }

  /** What the token names if this server signed it; {@code link_not_found} otherwise. */
  Link verify(String token) {
    return parse(token)
        .orElseThrow(
            () ->
                EngineException.notFound(
                    "link_not_found", "no such download link; ask for a new one"));
  }

  private Optional<Link> parse(String token) {
    if (token == null || token.length() > MAX_TOKEN) {
      return Optional.empty();
    }
    int dot = token.indexOf('.');
    if (dot < 0) {
      return Optional.empty();
    }
    byte[] payload;
    byte[] signature;
    try {
      payload = DECODER.decode(token.substring(0, dot));
      signature = DECODER.decode(token.substring(dot + 1));
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
    // One spelling per link: the decoder ignores unused bits of a last character, so a token
    // changed there would otherwise still open the file.
    if (!token.equals(ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(signature))) {
      return Optional.empty();
    }
    if (keys.stream().noneMatch(key -> MessageDigest.isEqual(signature, signature(key, payload)))) {
      return Optional.empty();
    }
    String[] fields = new String(payload, StandardCharsets.UTF_8).split("\n", 5);
    if (fields.length != 5 || !fields[0].equals(VERSION)) {
      return Optional.empty();
    }
    return Optional.of(new Link(fields[1], fields[4], fields[2], Long.parseLong(fields[3])));
  }

  private byte[] signature(SecretKeySpec key, byte[] payload) {
    byte[] scoped = (namespace + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] signed = new byte[scoped.length + payload.length];
    System.arraycopy(scoped, 0, signed, 0, scoped.length);
    System.arraycopy(payload, 0, signed, scoped.length, payload.length);
    return hmac(key, signed);
  }

  private static byte[] hmac(SecretKeySpec key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
