package dev.hangar.api.auth;

import dev.hangar.api.redis.ApiKeys;
import dev.hangar.engine.EngineException;
import dev.hangar.engine.support.Ids;
import dev.hangar.model.auth.CreateUserRequest;
import java.util.Map;
import java.util.Optional;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/** Users in Redis, with hashed passwords and a unique-name index. */
@Component
public class UserStore {

  private final StringRedisTemplate redis;
  private final CreateUserScript createScript;
  private final ApiKeys keys;
  private final PasswordHasher hasher;

  UserStore(
      StringRedisTemplate redis,
      CreateUserScript createScript,
      ApiKeys keys,
      PasswordHasher hasher) {
    this.redis = redis;
    this.createScript = createScript;
    this.keys = keys;
    this.hasher = hasher;
  }

  /** Creates the user; a taken name is a 409 {@code username_taken}. */
  public User create(CreateUserRequest request) {
    return tryCreate(request)
        .orElseThrow(
            () ->
                EngineException.conflict(
                    "username_taken", "the username '" + request.username() + "' is taken"));
  }

  /** Creates the user unless the name is taken. */
  public Optional<User> tryCreate(CreateUserRequest request) {
    String id = Ids.next("user");
    boolean created =
        createScript.run(
            id, request.username(), hasher.hash(request.password()), request.isAdmin());
    return created
        ? Optional.of(new User(id, request.username(), request.isAdmin()))
        : Optional.empty();
  }

  public boolean anyExist() {
    Long count = redis.opsForSet().size(keys.users());
    return count != null && count > 0;
  }

  /**
   * The user with this name and password, checked in constant time whether or not the name exists.
   */
  public Optional<User> verify(String username, String password) {
    Optional<Map<String, String>> user =
        Optional.ofNullable(redis.opsForValue().get(keys.username(username))).flatMap(this::fields);
    boolean matches =
        hasher.matches(password, user.map(f -> f.get("password_hash")).orElseGet(hasher::decoy));
    return matches ? user.map(UserStore::toUser) : Optional.empty();
  }

  public Optional<User> find(String id) {
    return fields(id).map(UserStore::toUser);
  }

  private Optional<Map<String, String>> fields(String id) {
    Map<String, String> fields = redis.<String, String>opsForHash().entries(keys.user(id));
    return fields.isEmpty() ? Optional.empty() : Optional.of(fields);
  }

  private static User toUser(Map<String, String> f) {
    return new User(f.get("id"), f.get("username"), "1".equals(f.get("admin")));
  }
}
