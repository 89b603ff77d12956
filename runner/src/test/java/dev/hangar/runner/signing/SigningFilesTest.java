package dev.hangar.runner.signing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.model.signing.AndroidSigningUpload;
import dev.hangar.model.signing.IosSigningUpload;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningFilesTest {

  @TempDir Path dir;

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String mode(Path path) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  @Test
  void androidMaterialBecomesAPrivateKeystoreVariablesAndKeyProperties() throws Exception {
    Path workspace = Files.createDirectory(dir.resolve("workspace"));
    // Characters a .properties file must escape, and one outside ISO 8859-1.
    String storePassword = "st=re:pa\\ss wörd ✓";
    AndroidSigningUpload material =
        new AndroidSigningUpload(base64("keystore bytes"), storePassword, "upload", "key#secret!");

    SigningFiles files = SigningFiles.android(material, dir.resolve("signing"), workspace);

    Path keystore = Path.of(files.environment().get("HANGAR_ANDROID_KEYSTORE"));
    assertThat(keystore).hasContent("keystore bytes");
    assertThat(mode(keystore)).isEqualTo("rw-------");
    assertThat(mode(keystore.getParent())).isEqualTo("rwx------");
    assertThat(files.environment())
        .containsEntry("HANGAR_ANDROID_KEYSTORE_PASSWORD", storePassword)
        .containsEntry("HANGAR_ANDROID_KEY_ALIAS", "upload")
        .containsEntry("HANGAR_ANDROID_KEY_PASSWORD", "key#secret!");
    Path keyProperties = workspace.resolve("android/key.properties");
    assertThat(mode(keyProperties)).isEqualTo("rw-------");
    Properties read = new Properties();
    try (InputStream in = Files.newInputStream(keyProperties)) {
      read.load(in);
    }
    assertThat(read)
        .containsEntry("storePassword", storePassword)
        .containsEntry("keyPassword", "key#secret!")
        .containsEntry("keyAlias", "upload")
        .containsEntry("storeFile", keystore.toString());
    assertThat(files.secrets()).containsExactlyInAnyOrder(storePassword, "key#secret!");
    assertThat(files.files()).contains(dir.resolve("signing"), keyProperties);
    assertThat(files.toString()).doesNotContain(storePassword, "key#secret!");
  }

  @Test
  void iosMaterialBecomesAPrivateCertificateAndProfilesNamedByBundleId() throws Exception {
    IosSigningUpload material =
        new IosSigningUpload(
            "ABCDE12345",
            base64("p12 bytes"),
            "p12-password",
            List.of(
                new IosSigningUpload.Profile("com.example.shop", base64("shop profile")),
                new IosSigningUpload.Profile("com.example.*", base64("wildcard profile"))));

    SigningFiles files = SigningFiles.ios(material, dir.resolve("signing"));

    Path certificate = Path.of(files.environment().get("HANGAR_IOS_CERTIFICATE"));
    Path profiles = Path.of(files.environment().get("HANGAR_IOS_PROFILES_DIR"));
    assertThat(certificate).hasContent("p12 bytes");
    assertThat(mode(certificate)).isEqualTo("rw-------");
    assertThat(mode(profiles)).isEqualTo("rwx------");
    assertThat(profiles.resolve("com.example.shop.mobileprovision")).hasContent("shop profile");
    assertThat(profiles.resolve("com.example.wildcard.mobileprovision"))
        .hasContent("wildcard profile");
    assertThat(mode(profiles.resolve("com.example.shop.mobileprovision"))).isEqualTo("rw-------");
    assertThat(files.environment())
        .containsEntry("HANGAR_IOS_CERTIFICATE_PASSWORD", "p12-password")
        .containsEntry("HANGAR_IOS_TEAM_ID", "ABCDE12345");
    assertThat(files.secrets()).containsExactly("p12-password");
  }

  @Test
  void aBundleIdBecomesAPlainFileName() {
    assertThat(SigningFiles.fileName("*")).isEqualTo("wildcard");
    assertThat(SigningFiles.fileName("com.Example.App")).isEqualTo("com.example.app");
    assertThat(SigningFiles.fileName("../../etc")).isEqualTo(".._.._etc");
  }
}
