package dev.hangar.engine.storage.s3;

import dev.hangar.engine.HangarProperties;
import dev.hangar.engine.storage.BlobStore;
import dev.hangar.engine.storage.StorageSettings;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The S3 backend, chosen with {@code HANGAR_STORAGE=s3}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "hangar.storage", havingValue = "s3")
public class S3StorageConfiguration {

  @Bean
  S3Client s3Client(StorageSettings storage) {
    return client(storage.s3());
  }

  @Bean
  BlobStore s3BlobStore(S3Client client, StorageSettings storage, HangarProperties properties) {
    S3Settings s3 = storage.s3();
    return new S3BlobStore(client, s3.bucket(), s3.root(properties.namespace()));
  }

  /** A client for these settings; the caller closes it. */
  public static S3Client client(S3Settings s3) {
    var builder =
        S3Client.builder()
            .region(Region.of(s3.region()))
            .credentialsProvider(credentials(s3))
            .forcePathStyle(s3.pathStyle())
            // Checksums only where S3 demands them: the SDK's newer default (a CRC on every
            // upload) is refused by several S3-compatible servers.
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .httpClientBuilder(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(10))
                    .socketTimeout(Duration.ofSeconds(60)));
    if (s3.endpoint() != null) {
      builder.endpointOverride(s3.endpoint());
    }
    return builder.build();
  }

  private static AwsCredentialsProvider credentials(S3Settings s3) {
    if (s3.accessKey() == null) {
      return DefaultCredentialsProvider.builder().build();
    }
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(s3.accessKey(), s3.secretKey()));
  }
}
