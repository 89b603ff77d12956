package dev.hangar.engine.storage;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which {@link BlobStore} both processes use.
 *
 * @param storage {@code HANGAR_STORAGE}: {@code directory} keeps blobs under {@code
 *     HANGAR_DATA_DIR/blobs/<namespace>}
 */
@ConfigurationProperties("hangar")
public record StorageSettings(@DefaultValue("directory") StorageKind storage) {}
