package dev.hangar.api.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningSettingsTest {

  @Test
  void unsetThereAreNoExtraRoots() {
    assertThat(new SigningSettings(null).extraRoots()).isEmpty();
    assertThat(new SigningSettings(" ").extraRoots()).isEmpty();
  }

  @Test
  void everyCertificateOfThePemFileIsAnExtraRoot(@TempDir Path dir) throws Exception {
    List<X509Certificate> roots =
        List.of(
            SigningMaterial.authority("Example Root CA", null).certificate(),
            SigningMaterial.authority("Example Root CA 2", null).certificate());
    Path pem =
        Files.writeString(
            dir.resolve("roots.pem"), "Example's roots\n" + SigningMaterial.pem(roots));
    assertThat(new SigningSettings(pem.toString()).extraRoots()).isEqualTo(roots);
  }

  @Test
  void aFileThatIsNotThereOrHoldsNoCertificateIsRefusedNamingTheVariable(@TempDir Path dir)
      throws Exception {
    Path missing = dir.resolve("missing.pem");
    assertThatThrownBy(() -> new SigningSettings(missing.toString()))
        .hasMessage("HANGAR_SIGNING_EXTRA_TRUSTED_ROOTS=" + missing + " is invalid: no such file");
    Path empty = Files.createFile(dir.resolve("empty.pem"));
    assertThatThrownBy(() -> new SigningSettings(empty.toString()))
        .hasMessageEndingWith("is invalid: the file holds no readable PEM certificate");
    Path text = Files.writeString(dir.resolve("text.pem"), "not a certificate\n");
    assertThatThrownBy(() -> new SigningSettings(text.toString()))
        .hasMessageEndingWith("is invalid: the file holds no readable PEM certificate");
    assertThatThrownBy(() -> new SigningSettings(dir.toString()))
        .hasMessageStartingWith(
            "HANGAR_SIGNING_EXTRA_TRUSTED_ROOTS=" + dir + " is invalid: the file cannot be read");
  }
}
