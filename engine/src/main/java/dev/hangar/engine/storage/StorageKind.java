package dev.hangar.engine.storage;

import dev.hangar.model.WireName;

/** Where {@link BlobStore} keeps blobs, as {@code HANGAR_STORAGE} names it. */
public enum StorageKind implements WireName {
  /** Files under {@code HANGAR_DATA_DIR}: one host, or a file system every host mounts. */
  DIRECTORY,
  /** An S3-compatible object store ({@code HANGAR_S3_*}): AWS, MinIO, Ceph, Garage. */
  S3
}
