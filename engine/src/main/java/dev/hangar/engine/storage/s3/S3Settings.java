package dev.hangar.engine.storage.s3;

import static dev.hangar.engine.startup.SettingCheck.require;

import java.net.URI;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the S3 backend keeps blobs ({@code HANGAR_S3_*}), read when {@code HANGAR_STORAGE=s3}.
 *
 * @param bucket the bucket, which must exist; required with {@code HANGAR_STORAGE=s3}
 * @param region the region the client signs for; S3-compatible servers mostly accept {@code
 *     us-east-1}
 * @param endpoint the server's URL for an S3-compatible store (MinIO, Ceph, Garage); none for AWS
 * @param pathStyle addresses the bucket in the path ({@code host/bucket/key}) instead of the host
 *     name, as most self-hosted servers need
 * @param accessKey with {@code secretKey}, the credentials; both unset means the SDK's default
 *     chain (AWS_* variables, profile files, instance or container roles)
 * @param prefix put in front of every object's name, so one bucket may serve several things
 */
public record S3Settings(
    String bucket,
    @DefaultValue("us-east-1") String region,
    URI endpoint,
    @DefaultValue("false") boolean pathStyle,
    String accessKey,
    String secretKey,
    @DefaultValue("") String prefix) {

  /** S3's rule for bucket names, which every compatible server keeps. */
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  private static final Pattern PREFIX = Pattern.compile("([A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*)?");

  public S3Settings {
    bucket = blankAsNull(bucket);
    accessKey = blankAsNull(accessKey);
    secretKey = blankAsNull(secretKey);
    require(
        bucket == null || BUCKET.matcher(bucket).matches(),
        "HANGAR_S3_BUCKET",
        bucket,
        "a bucket name: 3-63 characters of a-z, 0-9, '.' and '-'");
    require(
        region != null && !region.isBlank(),
        "HANGAR_S3_REGION",
        region,
        "a region such as eu-west-1");
    require(
        endpoint == null
            || (("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme()))
                && endpoint.getHost() != null),
        "HANGAR_S3_ENDPOINT",
        endpoint,
        "an http:// or https:// URL");
    // Neither value is shown: the message goes to the console and to logs.
    require(
        (accessKey == null) == (secretKey == null),
        accessKey == null ? "HANGAR_S3_ACCESS_KEY" : "HANGAR_S3_SECRET_KEY",
        "(unset)",
        "set together with "
            + (accessKey == null ? "HANGAR_S3_SECRET_KEY" : "HANGAR_S3_ACCESS_KEY")
            + ", or both unset for the SDK's default credentials");
    prefix = prefix == null ? "" : stripSlashes(prefix);
    require(
        PREFIX.matcher(prefix).matches()
            && !("/" + prefix + "/").contains("/../")
            && !("/" + prefix + "/").contains("/./"),
        "HANGAR_S3_PREFIX",
        prefix,
        "/-separated names of A-Z, a-z, 0-9, '.', '_' and '-'");
  }

  /** The name every object of this namespace starts with. */
  String root(String namespace) {
    return prefix.isEmpty() ? namespace + "/" : prefix + "/" + namespace + "/";
  }

  /** Keeps the secret key out of any log line or message that prints the settings. */
  @Override
  public String toString() {
    return "S3Settings[bucket="
        + bucket
        + ", region="
        + region
        + ", endpoint="
        + endpoint
        + ", pathStyle="
        + pathStyle
        + ", credentials="
        + (accessKey == null ? "default chain" : "static")
        + ", prefix="
        + prefix
        + "]";
  }

  private static String blankAsNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  private static String stripSlashes(String value) {
    int start = 0;
    int end = value.length();
    while (start < end && value.charAt(start) == '/') {
      start++;
    }
    while (end > start && value.charAt(end - 1) == '/') {
      end--;
    }
    return value.substring(start, end);
  }
}
