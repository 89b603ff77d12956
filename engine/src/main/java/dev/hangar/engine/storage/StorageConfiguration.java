package dev.hangar.engine.storage;

import dev.hangar.engine.HangarProperties;
import dev.hangar.engine.logs.LogSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one {@link BlobStore} of a process, of the kind {@code HANGAR_STORAGE} names. */
@Configuration
class StorageConfiguration {

  @Bean
  BlobStore blobStore(StorageSettings storage, LogSettings data, HangarProperties hangar) {
    return switch (storage.storage()) {
      case DIRECTORY -> new DirectoryBlobStore(DirectoryBlobStore.root(data, hangar.namespace()));
    };
  }
}
