package dev.hangar.engine.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.engine.storage.BlobStat;
import dev.hangar.engine.storage.BlobStore;
import dev.hangar.engine.storage.NoSuchBlobException;
import dev.hangar.engine.storage.PendingBlob;
import dev.hangar.testing.storage.BlobStoreContract;
import dev.hangar.testing.storage.LocalS3Server;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The S3 store against a real S3-compatible server ({@link LocalS3Server}): the contract every
 * {@link BlobStore} keeps, and what only S3 shows: parts sent while the blob is written, no
 * multipart upload left behind, deletes in batches, ranges past the end, namespaces side by side.
 */
class S3BlobStoreIT extends BlobStoreContract {

  private static LocalS3Server server;
  private static S3Client client;
  private static S3Settings settings;
  private static String namespace;
  private static BlobStore store;

  @BeforeAll
  static void startServer() {
    server = LocalS3Server.start();
    client = server.client();
    settings = server.settings("hangar/blobs");
    namespace = "s3it-" + UUID.randomUUID().toString().substring(0, 8);
    store = new S3BlobStore(client, LocalS3Server.BUCKET, settings.root(namespace));
  }

  @Override
  protected BlobStore store() {
    return store;
  }

  @AfterAll
  static void stopServer() {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void closingWithoutACommitAbortsTheMultipartUpload() throws IOException {
    try (PendingBlob small = store.create("logs/abandoned-small.log")) {
      small.out().write(new byte[100]);
    }
    // Bigger than a part: the multipart upload has begun and must be aborted.
    try (PendingBlob big = store.create("logs/abandoned-big.log")) {
      write(big.out(), 0, S3Upload.PART_SIZE + 1024);
      assertThat(uploadsUnder(root())).hasSize(1);
    }

    assertThat(store.stat("logs/abandoned-small.log")).isEmpty();
    assertThat(store.stat("logs/abandoned-big.log")).isEmpty();
    assertThat(objectsUnder(root() + "logs/abandoned")).isEmpty();
    assertThat(uploadsUnder(root())).isEmpty();
  }

  @Test
  void rangedReadGivesExactBytes() throws IOException {
    byte[] bytes = new byte[10_000];
    new Random(1).nextBytes(bytes);
    try (PendingBlob blob = store.create("logs/ranged.log")) {
      blob.out().write(bytes);
      blob.commit();
    }

    assertThat(read("logs/ranged.log", 1234, 567)).isEqualTo(Arrays.copyOfRange(bytes, 1234, 1801));
    assertThat(read("logs/ranged.log", 0, 1)).isEqualTo(Arrays.copyOfRange(bytes, 0, 1));
    assertThat(read("logs/ranged.log", 9_990, 100))
        .as("a range past the end gives what there is")
        .isEqualTo(Arrays.copyOfRange(bytes, 9_990, 10_000));
    assertThat(read("logs/ranged.log", 10_000, 10)).isEmpty();
    assertThat(read("logs/ranged.log", 5, 0)).isEmpty();
    assertThatThrownBy(() -> store.read("logs/never-written.log", 0, 10))
        .isInstanceOf(NoSuchBlobException.class);
  }

  @Test
  void aBlobBiggerThanTwoPartsIsStreamedInParts() throws Exception {
    int size = 2 * S3Upload.PART_SIZE + S3Upload.PART_SIZE / 2;
    try (PendingBlob blob = store.create("artifacts/big.bin")) {
      write(blob.out(), 0, 2 * S3Upload.PART_SIZE + 1);
      // Two parts are already on the server, so the writer holds at most one part's bytes.
      List<MultipartUpload> uploads = uploadsUnder(root() + "artifacts/big.bin");
      assertThat(uploads).hasSize(1);
      assertThat(
              client
                  .listParts(
                      b ->
                          b.bucket(LocalS3Server.BUCKET)
                              .key(root() + "artifacts/big.bin")
                              .uploadId(uploads.getFirst().uploadId()))
                  .parts())
          .hasSize(2);
      assertThat(store.stat("artifacts/big.bin")).isEmpty();
      write(blob.out(), 2 * S3Upload.PART_SIZE + 1, size - (2 * S3Upload.PART_SIZE + 1));
      blob.commit();
    }

    assertThat(store.stat("artifacts/big.bin")).map(BlobStat::size).contains((long) size);
    assertThat(uploadsUnder(root())).isEmpty();
    assertThat(digest(store.read("artifacts/big.bin", 0, size))).isEqualTo(expectedDigest(size));
    // Across the first part boundary, byte for byte.
    byte[] expected = new byte[64];
    for (int i = 0; i < expected.length; i++) {
      expected[i] = pattern(S3Upload.PART_SIZE - 32 + i);
    }
    assertThat(read("artifacts/big.bin", S3Upload.PART_SIZE - 32, 64)).isEqualTo(expected);
  }

  @Test
  void deleteAllRemovesEveryBlobUnderThePrefixInBatches() throws IOException {
    BlobStore batchesOfTwo =
        new S3BlobStore(client, LocalS3Server.BUCKET, settings.root(namespace), 2);
    for (int i = 0; i < 5; i++) {
      commit("artifacts/build_all/file-" + i, "artifact " + i);
    }
    commit("artifacts/build_all/nested/deeper.txt", "nested");
    commit("artifacts/build_allother/kept.txt", "a sibling whose name only starts the same");

    batchesOfTwo.deleteAll("artifacts/build_all");

    assertThat(objectsUnder(root() + "artifacts/build_all/")).isEmpty();
    assertThat(store.stat("artifacts/build_allother/kept.txt")).isPresent();
  }

  @Test
  void keysOutsideTheNamespaceAreUntouched() throws IOException {
    BlobStore neighbour =
        new S3BlobStore(client, LocalS3Server.BUCKET, settings.root(namespace + "-other"));
    String outside = "elsewhere/" + namespace + "/logs/shared.log";
    client.putObject(
        b -> b.bucket(LocalS3Server.BUCKET).key(outside), RequestBody.fromString("not ours"));
    try (PendingBlob blob = neighbour.create("logs/shared.log")) {
      blob.out().write("the neighbour's".getBytes(StandardCharsets.UTF_8));
      blob.commit();
    }
    commit("logs/shared.log", "ours");

    store.delete("logs/shared.log");
    store.deleteAll("logs");

    assertThat(neighbour.stat("logs/shared.log")).map(BlobStat::size).contains(15L);
    assertThat(objectsUnder(outside)).hasSize(1);
    assertThat(objectsUnder(root())).noneMatch(o -> o.key().startsWith(root() + "logs/"));
  }

  @Test
  void keysThatCouldLeaveTheNamespaceAreRefused() {
    for (String key : List.of("../x", "/logs/x", "logs//x", "logs/./x", "logs/x/", "")) {
      assertThatThrownBy(() -> store.create(key))
          .as(key)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  private static String root() {
    return settings.root(namespace);
  }

  private static void commit(String key, String text) throws IOException {
    try (PendingBlob blob = store.create(key)) {
      blob.out().write(text.getBytes(StandardCharsets.UTF_8));
      blob.commit();
    }
  }

  private static byte[] read(String key, long offset, long length) throws IOException {
    try (InputStream in = store.read(key, offset, length)) {
      return in.readAllBytes();
    }
  }

  private static byte[] readAll(String key, int length) throws IOException {
    return read(key, 0, length);
  }

  private static List<MultipartUpload> uploadsUnder(String prefix) {
    return client
        .listMultipartUploads(b -> b.bucket(LocalS3Server.BUCKET).prefix(prefix))
        .uploads();
  }

  private static List<S3Object> objectsUnder(String prefix) {
    return client.listObjectsV2(b -> b.bucket(LocalS3Server.BUCKET).prefix(prefix)).contents();
  }

  /**
   * Writes bytes {@code from} to {@code from + count} of {@link #pattern}, in chunks of a size that
   * divides no part, as a caller copying a stream would.
   */
  private static void write(OutputStream out, long from, int count) throws IOException {
    byte[] chunk = new byte[100_003];
    long end = from + count;
    for (long at = from; at < end; ) {
      int n = (int) Math.min(chunk.length, end - at);
      for (int i = 0; i < n; i++) {
        chunk[i] = pattern(at + i);
      }
      out.write(chunk, 0, n);
      at += n;
    }
  }

  private static byte pattern(long position) {
    return (byte) (position * 31 + (position >> 13));
  }

  private static byte[] digest(InputStream in) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    try (in) {
      byte[] chunk = new byte[64 * 1024];
      for (int n; (n = in.read(chunk)) > 0; ) {
        sha.update(chunk, 0, n);
      }
    }
    return sha.digest();
  }

  private static byte[] expectedDigest(int size) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    for (int i = 0; i < size; i++) {
      sha.update(pattern(i));
    }
    return sha.digest();
  }
}
