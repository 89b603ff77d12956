package dev.hangar.testing.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.engine.storage.BlobStat;
import dev.hangar.engine.storage.BlobStore;
import dev.hangar.engine.storage.NoSuchBlobException;
import dev.hangar.engine.storage.PendingBlob;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link BlobStore} must do, whatever it keeps blobs in: a backend's test extends this
 * and says how to reach a store. Each test writes under a prefix of its own, so a store shared with
 * other tests (one bucket) is fine.
 */
public abstract class BlobStoreContract {

  /** The store under test; called once per test. */
  protected abstract BlobStore store() throws IOException;

  private final String prefix = "contract-" + UUID.randomUUID();

  /** A key under this test's own prefix. */
  protected String key(String rest) {
    return prefix + "/" + rest;
  }

  protected String prefix() {
    return prefix;
  }

  @Test
  void aCommittedBlobIsReadWholeOrFromAnyOffset() throws IOException {
    BlobStore store = store();
    write(store, key("a/b.bin"), "hello, blob".getBytes(StandardCharsets.UTF_8));

    assertThat(read(store, key("a/b.bin"), 0, 11)).isEqualTo("hello, blob");
    assertThat(read(store, key("a/b.bin"), 7, 4)).isEqualTo("blob");
    assertThat(read(store, key("a/b.bin"), 3, 0)).isEmpty();
    BlobStat stat = store.stat(key("a/b.bin")).orElseThrow();
    assertThat(stat.size()).isEqualTo(11);
    assertThat(stat.modifiedAt()).isPositive();
  }

  @Test
  void nothingIsVisibleBeforeTheCommit() throws IOException {
    BlobStore store = store();
    try (PendingBlob pending = store.create(key("pending"))) {
      pending.out().write(new byte[1000]);
      pending.out().flush();
      assertThat(store.stat(key("pending"))).isEmpty();
      assertThatThrownBy(() -> store.read(key("pending"), 0, 1))
          .isInstanceOf(NoSuchBlobException.class);
      pending.commit();
    }
    assertThat(store.stat(key("pending")).orElseThrow().size()).isEqualTo(1000);
  }

  @Test
  void closingWithoutACommitLeavesNothing() throws IOException {
    BlobStore store = store();
    try (PendingBlob pending = store.create(key("dropped"))) {
      pending.out().write(new byte[] {1, 2, 3});
    }
    assertThat(store.stat(key("dropped"))).isEmpty();
  }

  @Test
  void anAbandonedRewriteKeepsTheOldBlobAndACommittedOneReplacesIt() throws IOException {
    BlobStore store = store();
    write(store, key("x"), "old".getBytes(StandardCharsets.UTF_8));
    try (PendingBlob abandoned = store.create(key("x"))) {
      abandoned.out().write("never".getBytes(StandardCharsets.UTF_8));
    }
    assertThat(read(store, key("x"), 0, 3)).isEqualTo("old");

    write(store, key("x"), "newer".getBytes(StandardCharsets.UTF_8));
    assertThat(read(store, key("x"), 0, 5)).isEqualTo("newer");
    assertThat(store.stat(key("x")).orElseThrow().size()).isEqualTo(5);
  }

  @Test
  void aBlobOfSeveralMegabytesComesBackByteForByte() throws Exception {
    BlobStore store = store();
    byte[] chunk = new byte[64 * 1024];
    Random random = new Random(17);
    MessageDigest written = MessageDigest.getInstance("SHA-256");
    try (PendingBlob pending = store.create(key("big"))) {
      OutputStream out = pending.out();
      for (int i = 0; i < 80; i++) {
        random.nextBytes(chunk);
        written.update(chunk);
        out.write(chunk);
      }
      pending.commit();
    }
    long size = 80L * chunk.length;
    MessageDigest read = MessageDigest.getInstance("SHA-256");
    try (InputStream in = store.read(key("big"), 0, size)) {
      byte[] buffer = new byte[8192];
      for (int n; (n = in.read(buffer)) > 0; ) {
        read.update(buffer, 0, n);
      }
    }
    assertThat(HexFormat.of().formatHex(read.digest()))
        .isEqualTo(HexFormat.of().formatHex(written.digest()));
  }

  @Test
  void deletingRemovesOneBlobAndDeletingWhatIsNotThereIsFine() throws IOException {
    BlobStore store = store();
    write(store, key("d/one"), new byte[] {1});
    write(store, key("d/two"), new byte[] {2});

    store.delete(key("d/one"));
    store.delete(key("d/one"));
    store.delete(key("never/written"));

    assertThat(store.stat(key("d/one"))).isEmpty();
    assertThat(store.stat(key("d/two"))).isPresent();
    assertThatThrownBy(() -> store.read(key("d/one"), 0, 1))
        .isInstanceOf(NoSuchBlobException.class);
  }

  @Test
  void deletingAPrefixRemovesWhatIsUnderItAndNothingBesideIt() throws IOException {
    BlobStore store = store();
    write(store, key("build_1/a"), new byte[] {1});
    write(store, key("build_1/deeper/b"), new byte[] {2});
    write(store, key("build_10/c"), new byte[] {3});

    store.deleteAll(key("build_1"));
    store.deleteAll(key("build_1"));
    store.deleteAll(key("never"));

    assertThat(store.stat(key("build_1/a"))).isEmpty();
    assertThat(store.stat(key("build_1/deeper/b"))).isEmpty();
    assertThat(store.stat(key("build_10/c"))).isPresent();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "/absolute",
        "../up",
        "a/../../up",
        "a/./b",
        "a//b",
        "trailing/",
        ".hidden",
        "a/.hidden",
        "back\\slash",
        "nul\u0000byte"
      })
  void aKeyThatCouldClimbOutOrHideIsRefused(String bad) throws IOException {
    BlobStore store = store();
    assertThatThrownBy(() -> store.create(bad)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.stat(bad)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.read(bad, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.delete(bad)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.deleteAll(bad)).isInstanceOf(IllegalArgumentException.class);
  }

  protected static void write(BlobStore store, String key, byte[] bytes) throws IOException {
    try (PendingBlob pending = store.create(key)) {
      pending.out().write(bytes);
      pending.commit();
    }
  }

  private static String read(BlobStore store, String key, long offset, long length)
      throws IOException {
    try (InputStream in = store.read(key, offset, length)) {
      byte[] bytes = in.readAllBytes();
      assertThat(bytes.length).as("bytes read").isEqualTo((int) length);
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }
}
