package dev.hangar.engine.storage;

/** Where {@link BlobStore} keeps blobs, as {@code HANGAR_STORAGE} names it. */
public enum StorageKind {
  /** Files under {@code HANGAR_DATA_DIR}: one host, or a file system every host mounts. */
  DIRECTORY
}
