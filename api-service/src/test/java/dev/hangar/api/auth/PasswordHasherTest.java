package dev.hangar.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.api.ApiSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class PasswordHasherTest {

  private final PasswordHasher hasher = new PasswordHasher(1000);

  @Test
  void aPasswordMatchesItsOwnHashOnly() {
    String stored = hasher.hash("correct horse battery");

    assertThat(stored).startsWith("pbkdf2-sha256$1000$");
    assertThat(hasher.matches("correct horse battery", stored)).isTrue();
    assertThat(hasher.matches("correct horse batterY", stored)).isFalse();
    assertThat(hasher.hash("correct horse battery")).as("salted").isNotEqualTo(stored);
  }

  @Test
  void aHashIsCheckedWithTheWorkFactorItWasStoredWith() {
    String storedBeforeTheChange = hasher.hash("correct horse battery");

    assertThat(new PasswordHasher(2000).matches("correct horse battery", storedBeforeTheChange))
        .isTrue();
  }

  @Test
  void theDecoyCostsTheConfiguredWorkFactorAndMatchesNothing() {
    assertThat(hasher.decoy()).startsWith("pbkdf2-sha256$1000$");
    assertThat(hasher.matches("", hasher.decoy())).isFalse();
    assertThat(hasher.matches("decoy", hasher.decoy())).isFalse();
  }

  @Test
  void somethingNotAHashMatchesNothing() {
    assertThat(hasher.matches("password", "password")).isFalse();
    assertThat(hasher.matches("password", "md5$1$a$b")).isFalse();
  }

  @Test
  void theDefaultWorkFactorIs210000Rounds() {
    ApiSettings defaults =
        new Binder(new MapConfigurationPropertySource(Map.of()))
            .bindOrCreate("hangar", ApiSettings.class);

    assertThat(new PasswordHasher(defaults).hash("correct horse battery"))
        .startsWith("pbkdf2-sha256$210000$");
  }
}
