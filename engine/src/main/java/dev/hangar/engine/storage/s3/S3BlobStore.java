package dev.hangar.engine.storage.s3;

import dev.hangar.engine.storage.BlobKeys;
import dev.hangar.engine.storage.BlobStat;
import dev.hangar.engine.storage.BlobStore;
import dev.hangar.engine.storage.NoSuchBlobException;
import dev.hangar.engine.storage.PendingBlob;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Blobs as objects of one bucket, named {@code <prefix>/<namespace>/<key>}. An object appears whole
 * or not at all (S3 has no half-written objects), so a blob is written as a multipart upload whose
 * completion makes it visible, or as one PutObject when it fits in a part.
 */
public final class S3BlobStore implements BlobStore {

  /** The most DeleteObjects takes in one request. */
  static final int DELETE_BATCH = 1000;

  private final S3Client client;
  private final String bucket;
  private final String root;
  private final int deleteBatch;

  public S3BlobStore(S3Client client, String bucket, String root) {
    this(client, bucket, root, DELETE_BATCH);
  }

  /** With batches smaller than S3's, so a test sees deleteAll go through several. */
  S3BlobStore(S3Client client, String bucket, String root, int deleteBatch) {
    this.client = client;
    this.bucket = bucket;
    this.root = root;
    this.deleteBatch = deleteBatch;
  }

  @Override
  public PendingBlob create(String key) {
    return new S3Upload(client, bucket, name(key));
  }

  @Override
  public Optional<BlobStat> stat(String key) throws IOException {
    String name = name(key);
    try {
      HeadObjectResponse head = client.headObject(b -> b.bucket(bucket).key(name));
      return Optional.of(new BlobStat(head.contentLength(), head.lastModified().toEpochMilli()));
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw failed("HeadObject", name, e);
    } catch (SdkException e) {
      throw failed("HeadObject", name, e);
    }
  }

  @Override
  public InputStream read(String key, long offset, long length) throws IOException {
    if (offset < 0 || length < 0) {
      throw new IllegalArgumentException("offset and length must be 0 or more");
    }
    String name = name(key);
    if (length == 0) {
      // A Range of no bytes cannot be written; the blob must still be there.
      if (stat(key).isEmpty()) {
        throw new NoSuchBlobException(key);
      }
      return InputStream.nullInputStream();
    }
    String range = "bytes=" + offset + "-" + (offset + length - 1);
    try {
      return client.getObject(b -> b.bucket(bucket).key(name).range(range));
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        throw new NoSuchBlobException(key);
      }
      if (e.statusCode() == 416) {
        // Starts at or past the end: there is nothing there to give.
        return new ByteArrayInputStream(new byte[0]);
      }
      throw failed("GetObject", name, e);
    } catch (SdkException e) {
      throw failed("GetObject", name, e);
    }
  }

  @Override
  public void delete(String key) throws IOException {
    String name = name(key);
    try {
      client.deleteObject(b -> b.bucket(bucket).key(name));
    } catch (SdkException e) {
      throw failed("DeleteObject", name, e);
    }
  }

  @Override
  public void deleteAll(String prefix) throws IOException {
    String under = name(prefix) + "/";
    ListObjectsV2Request.Builder list =
        ListObjectsV2Request.builder().bucket(bucket).prefix(under).maxKeys(deleteBatch);
    try {
      // Each page is deleted before the next is asked for: a listing never holds more than a batch.
      while (true) {
        ListObjectsV2Response page = client.listObjectsV2(list.build());
        deleteBatch(page.contents());
        if (!Boolean.TRUE.equals(page.isTruncated())) {
          return;
        }
        list.continuationToken(page.nextContinuationToken());
      }
    } catch (SdkException e) {
      throw failed("deleting everything under", under, e);
    }
  }

  private void deleteBatch(List<S3Object> objects) throws IOException {
    if (objects.isEmpty()) {
      return;
    }
    List<ObjectIdentifier> ids = new ArrayList<>(objects.size());
    for (S3Object object : objects) {
      ids.add(ObjectIdentifier.builder().key(object.key()).build());
    }
    DeleteObjectsResponse response =
        client.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(ids).quiet(true)));
    if (response.hasErrors() && !response.errors().isEmpty()) {
      throw new IOException(
          "S3 DeleteObjects left "
              + response.errors().size()
              + " objects, the first "
              + response.errors().getFirst().key()
              + ": "
              + response.errors().getFirst().code());
    }
  }

  private String name(String key) {
    return root + BlobKeys.require(key);
  }

  static IOException failed(String operation, String name, SdkException e) {
    return new IOException("S3 " + operation + " " + name + " failed: " + e.getMessage(), e);
  }
}
