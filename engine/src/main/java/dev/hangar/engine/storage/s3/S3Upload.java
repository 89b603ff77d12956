package dev.hangar.engine.storage.s3;

import dev.hangar.engine.storage.PendingBlob;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * One blob being written to S3. Bytes gather in a buffer of at most {@link #PART_SIZE}; a full
 * buffer goes out as the next part of a multipart upload (started with the first full part), so a
 * blob of any size costs one part's memory. Only {@link #commit()} completes the upload (or, for a
 * blob smaller than a part, puts it whole): until then S3 shows nothing under the name. {@link
 * #close()} without a commit aborts the upload, so its parts do not linger in the bucket.
 */
final class S3Upload implements PendingBlob {

  /** S3 wants parts of at least 5 MiB (but the last); 8 MiB is what its own tools use. */
  static final int PART_SIZE = 8 * 1024 * 1024;

  private final S3Client client;
  private final String bucket;
  private final String name;
  private final List<CompletedPart> parts = new ArrayList<>();
  private final Out out = new Out();
  private byte[] buffer = new byte[8192];
  private int buffered;
  private String uploadId;
  private boolean committed;
  private boolean closed;

  S3Upload(S3Client client, String bucket, String name) {
    this.client = client;
    this.bucket = bucket;
    this.name = name;
  }

  @Override
  public OutputStream out() {
    return out;
  }

  @Override
  public void commit() throws IOException {
    requireOpen();
    try {
      if (uploadId == null) {
        client.putObject(b -> b.bucket(bucket).key(name), body());
      } else {
        if (buffered > 0) {
          sendPart();
        }
        client.completeMultipartUpload(
            b ->
                b.bucket(bucket).key(name).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
      }
    } catch (SdkException e) {
      throw S3BlobStore.failed(uploadId == null ? "PutObject" : "CompleteMultipartUpload", name, e);
    }
    committed = true;
    buffer = null;
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    buffer = null;
    if (committed || uploadId == null) {
      return;
    }
    try {
      client.abortMultipartUpload(b -> b.bucket(bucket).key(name).uploadId(uploadId));
    } catch (SdkException e) {
      throw S3BlobStore.failed("AbortMultipartUpload", name, e);
    }
  }

  private void write(byte[] bytes, int offset, int length) throws IOException {
    requireOpen();
    while (length > 0) {
      if (buffered == PART_SIZE) {
        sendPart();
      }
      int room = PART_SIZE - buffered;
      int taken = Math.min(room, length);
      ensureCapacity(buffered + taken);
      System.arraycopy(bytes, offset, buffer, buffered, taken);
      buffered += taken;
      offset += taken;
      length -= taken;
    }
  }

  /** Grows the buffer as a blob turns out bigger, up to one part: a small log costs little. */
  private void ensureCapacity(int needed) {
    if (needed > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.min(PART_SIZE, Math.max(needed, buffer.length * 2)));
    }
  }

  private void sendPart() throws IOException {
    try {
      if (uploadId == null) {
        uploadId = client.createMultipartUpload(b -> b.bucket(bucket).key(name)).uploadId();
      }
      int number = parts.size() + 1;
      String etag =
          client
              .uploadPart(
                  b -> b.bucket(bucket).key(name).uploadId(uploadId).partNumber(number), body())
              .eTag();
      parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
      buffered = 0;
    } catch (SdkException e) {
      throw S3BlobStore.failed("UploadPart", name, e);
    }
  }

  /** The buffered bytes, not copied: each try of the request reads them afresh. */
  private RequestBody body() {
    byte[] bytes = buffer;
    int length = buffered;
    return RequestBody.fromContentProvider(
        () -> new ByteArrayInputStream(bytes, 0, length), length, "application/octet-stream");
  }

  private void requireOpen() throws IOException {
    if (closed || committed) {
      throw new IOException(
          "the blob " + name + " was already " + (committed ? "committed" : "closed"));
    }
  }

  private final class Out extends OutputStream {

    @Override
    public void write(int b) throws IOException {
      S3Upload.this.write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      Objects.checkFromIndexSize(offset, length, bytes.length);
      S3Upload.this.write(bytes, offset, length);
    }
  }
}
