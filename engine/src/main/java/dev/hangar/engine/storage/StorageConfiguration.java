package dev.hangar.engine.storage;

import dev.hangar.engine.HangarProperties;
import dev.hangar.engine.logs.LogSettings;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The directory store, the default; {@code s3.S3StorageConfiguration} makes the other kind. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "hangar.storage", havingValue = "directory", matchIfMissing = true)
class StorageConfiguration {

  @Bean
  BlobStore directoryBlobStore(LogSettings data, HangarProperties hangar) {
    return new DirectoryBlobStore(DirectoryBlobStore.root(data, hangar.namespace()));
  }
}
