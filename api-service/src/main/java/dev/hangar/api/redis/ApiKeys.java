package dev.hangar.api.redis;

import dev.hangar.engine.HangarProperties;
import org.springframework.stereotype.Component;

/**
 * The Redis keys only the api-service reads and writes (users, sessions, login throttling, signing
 * material), under the same namespace prefix as the engine's keys, so a namespace is still removed
 * as one. The api-service's scripts derive the same names.
 */
@Component
public class ApiKeys {

  private final String prefix;

  public ApiKeys(HangarProperties properties) {
    this.prefix = properties.namespace() + ":";
  }

  /** Passed to scripts that reach keys named inside them. */
  public String prefix() {
    return prefix;
  }

  /** A pipeline's sealed signing material of one kind ({@code android} or {@code ios}). */
  public String signing(String pipelineId, String kind) {
    return prefix + "signing:" + pipelineId + ":" + kind;
  }

  /** Every upload, delete and release of a pipeline's signing material. */
  public String signingAudit(String pipelineId) {
    return prefix + "signing-audit:" + pipelineId;
  }

  public String user(String id) {
    return prefix + "user:" + id;
  }

  public String username(String name) {
    return prefix + "username:" + name;
  }

  public String users() {
    return prefix + "users";
  }

  public String session(String tokenHash) {
    return prefix + "session:" + tokenHash;
  }

  /** Recent failed logins of a username, whatever text a client sent as one. */
  public String loginFailuresOfUsername(String username) {
    return prefix + "login-failures:username:" + username;
  }

  /** Recent failed logins from a peer address, whatever the usernames. */
  public String loginFailuresOfAddress(String address) {
    return prefix + "login-failures:address:" + address;
  }
}
