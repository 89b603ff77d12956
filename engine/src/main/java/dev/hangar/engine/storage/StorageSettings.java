package dev.hangar.engine.storage;

import static dev.hangar.engine.startup.SettingCheck.require;

import dev.hangar.engine.storage.s3.S3Settings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which {@link BlobStore} both processes use ({@code HANGAR_STORAGE}) and, for S3, where ({@code
 * HANGAR_S3_*}). Bound and checked before Spring starts, so {@code HANGAR_STORAGE=s3} without a
 * bucket stops start-up with one line, as any other bad setting does.
 *
 * @param storage {@code directory} keeps blobs under {@code HANGAR_DATA_DIR/blobs/<namespace>};
 *     {@code s3} in the bucket {@code s3} names
 */
@ConfigurationProperties("hangar")
public record StorageSettings(
    @DefaultValue("directory") StorageKind storage, @DefaultValue S3Settings s3) {

  public StorageSettings {
    require(
        storage != StorageKind.S3 || s3.bucket() != null,
        "HANGAR_S3_BUCKET",
        "",
        "set when HANGAR_STORAGE=s3");
  }
}
