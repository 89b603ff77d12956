package dev.hangar.engine.storage.s3;

import static dev.hangar.engine.startup.SettingCheck.require;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which store keeps blobs ({@code HANGAR_STORAGE}) and, for S3, where ({@code HANGAR_S3_*}). Bound
 * and checked before Spring starts, so {@code HANGAR_STORAGE=s3} without a bucket stops start-up
 * with one line, as any other bad setting does.
 */
@ConfigurationProperties("hangar")
public record StorageChoice(@DefaultValue("directory") Kind storage, @DefaultValue S3Settings s3) {

  public enum Kind {
    DIRECTORY,
    S3
  }

  public StorageChoice {
    require(
        storage != Kind.S3 || s3.bucket() != null,
        "HANGAR_S3_BUCKET",
        "",
        "set when HANGAR_STORAGE=s3");
  }
}
