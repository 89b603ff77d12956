package dev.hangar.testing.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.engine.storage.BlobStore;
import dev.hangar.engine.storage.DirectoryBlobStore;
import dev.hangar.engine.storage.PendingBlob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The directory store against the contract, and what it leaves in its directory. */
class DirectoryBlobStoreTest extends BlobStoreContract {

  @TempDir Path parent;

  private Path root() {
    return parent.resolve("blobs");
  }

  @Override
  protected BlobStore store() {
    return new DirectoryBlobStore(root());
  }

  @Test
  void aPendingBlobIsAHiddenFileBesideItsTargetAndGoneAfterTheCommit() throws IOException {
    BlobStore store = store();
    try (PendingBlob pending = store.create(key("dir/file.apk"))) {
      pending.out().write(new byte[] {1, 2});
      pending.out().flush();
      assertThat(files())
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.getParent()).isEqualTo(root().resolve(prefix()).resolve("dir"));
                assertThat(f.getFileName().toString()).startsWith(".file.apk").endsWith(".pending");
              });
      pending.commit();
    }
    assertThat(files()).containsExactly(root().resolve(prefix()).resolve("dir/file.apk"));
  }

  @Test
  void whatIsDeletedLeavesNeitherFilesNorEmptyDirectories() throws IOException {
    BlobStore store = store();
    write(store, key("build/a"), new byte[] {1});
    write(store, key("build/b/c"), new byte[] {2});
    try (PendingBlob abandoned = store.create(key("build/d"))) {
      abandoned.out().write(new byte[] {3});
    }
    store.delete(key("build/a"));
    store.deleteAll(key("build"));

    assertThat(files()).isEmpty();
    assertThat(Files.exists(root().resolve(prefix()))).isFalse();
  }

  private List<Path> files() throws IOException {
    if (!Files.exists(root())) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(root())) {
      return walk.filter(Files::isRegularFile).toList();
    }
  }
}
