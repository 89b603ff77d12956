package dev.hangar.engine.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.engine.storage.StorageKind;
import dev.hangar.engine.storage.StorageSettings;
import java.net.URI;
import org.junit.jupiter.api.Test;

class S3SettingsTest {

  private static S3Settings s3(
      String bucket, URI endpoint, String access, String secret, String prefix) {
    return new S3Settings(bucket, "us-east-1", endpoint, true, access, secret, prefix);
  }

  @Test
  void s3WithoutABucketIsRefusedNamingTheVariable() {
    assertThatThrownBy(() -> new StorageSettings(StorageKind.S3, s3(null, null, null, null, "")))
        .hasMessage("HANGAR_S3_BUCKET= is invalid: must be set when HANGAR_STORAGE=s3");
    assertThat(new StorageSettings(StorageKind.DIRECTORY, s3(null, null, null, null, "")).storage())
        .isEqualTo(StorageKind.DIRECTORY);
  }

  @Test
  void badS3SettingsAreRefusedNamingTheVariable() {
    assertThatThrownBy(() -> s3("Not_A_Bucket", null, null, null, ""))
        .hasMessageStartingWith("HANGAR_S3_BUCKET=Not_A_Bucket is invalid");
    assertThatThrownBy(() -> s3("builds", URI.create("ftp://host"), null, null, ""))
        .hasMessageStartingWith("HANGAR_S3_ENDPOINT=ftp://host is invalid");
    assertThatThrownBy(() -> s3("builds", null, null, null, "a/../b"))
        .hasMessageStartingWith("HANGAR_S3_PREFIX=a/../b is invalid");
  }

  @Test
  void onlyOneOfTheKeysIsRefusedWithoutShowingIt() {
    assertThatThrownBy(() -> s3("builds", null, "AKIAEXAMPLE", null, ""))
        .hasMessageStartingWith("HANGAR_S3_SECRET_KEY=(unset) is invalid")
        .hasMessageNotContaining("AKIAEXAMPLE");
    assertThatThrownBy(() -> s3("builds", null, null, "very-secret-value", ""))
        .hasMessageStartingWith("HANGAR_S3_ACCESS_KEY=(unset) is invalid")
        .hasMessageNotContaining("very-secret-value");
    assertThat(s3("builds", null, "AKIAEXAMPLE", "very-secret-value", "").toString())
        .doesNotContain("very-secret-value");
  }

  @Test
  void theRootIsThePrefixThenTheNamespace() {
    assertThat(s3("builds", null, null, null, "/hangar/ci/").root("ns")).isEqualTo("hangar/ci/ns/");
    assertThat(s3("builds", null, null, null, "").root("ns")).isEqualTo("ns/");
  }
}
