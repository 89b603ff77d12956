package dev.hangar.api.auth;

import dev.hangar.api.ApiSettings;
import dev.hangar.api.redis.ApiKeys;
import dev.hangar.engine.redis.RedisClock;
import dev.hangar.engine.support.Tokens;
import dev.hangar.model.auth.SessionView;
import java.time.Duration;
import java.util.Optional;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * User sessions: a random {@code hgr_us_} token whose hash maps to the user id and expires with the
 * session (Redis removes it, so no sweeper is needed).
 */
@Component
public class SessionStore {

  private final StringRedisTemplate redis;
  private final ApiKeys keys;
  private final RedisClock clock;
  private final UserStore users;
  private final Duration ttl;

  public SessionStore(
      StringRedisTemplate redis,
      ApiKeys keys,
      RedisClock clock,
      UserStore users,
      ApiSettings settings) {
    this.redis = redis;
    this.keys = keys;
    this.clock = clock;
    this.users = users;
    this.ttl = settings.sessionTtl();
  }

  public SessionView open(User user) {
    String token = Tokens.generate(Tokens.SESSION);
    redis.opsForValue().set(keys.session(Tokens.hash(token)), user.id(), ttl);
    long expiresAt = (clock.nowMillis() + ttl.toMillis()) / 1000;
    return new SessionView(token, expiresAt, user.view());
  }

  /** The user behind a live session token; empty for unknown, expired or ended sessions. */
  public Optional<User> resolve(String token) {
    return Optional.ofNullable(redis.opsForValue().get(keys.session(Tokens.hash(token))))
        .flatMap(users::find);
  }

  public void end(String token) {
    redis.delete(keys.session(Tokens.hash(token)));
  }
}
