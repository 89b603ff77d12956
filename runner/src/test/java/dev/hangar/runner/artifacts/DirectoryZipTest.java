package dev.hangar.runner.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryZipTest {

  @TempDir Path temp;
  private Path workspace;
  private Path bundle;

  @BeforeEach
  void aBundle() throws IOException {
    workspace = Files.createDirectory(temp.resolve("workspace"));
    bundle = Files.createDirectories(workspace.resolve("build/linux/x64/release/bundle"));
    Files.writeString(bundle.resolve("hello"), "#!/bin/sh\necho hello\n");
    Files.createDirectories(bundle.resolve("data/flutter_assets"));
    Files.writeString(bundle.resolve("data/flutter_assets/AssetManifest.json"), "{}");
    Files.createDirectories(bundle.resolve("lib/empty"));
  }

  /** Entry names and their contents ("" for directories). */
  private static Map<String, String> entries(Path zipFile) throws IOException {
    Map<String, String> entries = new LinkedHashMap<>();
    try (InputStream in = Files.newInputStream(zipFile);
        ZipInputStream zip = new ZipInputStream(in)) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        entries.put(e.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    return entries;
  }

  @Test
  void theDirectoryUnpacksIntoOneFolderWithEverythingInIt() throws IOException {
    Path target = temp.resolve("bundle.zip");

    DirectoryZip.Zipped zipped = DirectoryZip.zip(bundle, "bundle", workspace, target);

    assertThat(entries(target))
        .containsOnlyKeys(
            "bundle/",
            "bundle/hello",
            "bundle/data/",
            "bundle/data/flutter_assets/",
            "bundle/data/flutter_assets/AssetManifest.json",
            "bundle/lib/",
            "bundle/lib/empty/")
        .containsEntry("bundle/hello", "#!/bin/sh\necho hello\n");
    assertThat(zipped.leftOut()).isEmpty();
  }

  @Test
  void theHashAndSizeAreThoseOfTheZipWritten() throws IOException {
    Path target = temp.resolve("bundle.zip");

    HashedFile file = DirectoryZip.zip(bundle, "bundle", workspace, target).file();

    assertThat(file).isEqualTo(HashedFile.of(target));
    assertThat(file.size()).isEqualTo(Files.size(target));
    assertThat(file.sha256()).matches("[0-9a-f]{64}");
  }

  @Test
  void linksInsideTheWorkspaceAreStoredAsWhatTheyPointTo() throws IOException {
    Files.writeString(workspace.resolve("LICENSE"), "BSD");
    Files.createSymbolicLink(bundle.resolve("LICENSE"), workspace.resolve("LICENSE"));
    Files.createSymbolicLink(bundle.resolve("assets"), Path.of("data/flutter_assets"));
    Path target = temp.resolve("bundle.zip");

    DirectoryZip.zip(bundle, "bundle", workspace, target);

    assertThat(entries(target))
        .containsEntry("bundle/LICENSE", "BSD")
        .containsEntry("bundle/assets/AssetManifest.json", "{}");
  }

  @Test
  void linksOutOfTheWorkspaceAndLoopsAreLeftOut() throws IOException {
    Path home = Files.createDirectory(temp.resolve("home"));
    Files.writeString(home.resolve("runner.json"), "{\"token\":\"t\"}");
    Files.createSymbolicLink(bundle.resolve("config.json"), home.resolve("runner.json"));
    Files.createSymbolicLink(bundle.resolve("home"), home);
    Files.createSymbolicLink(bundle.resolve("data/up"), bundle);
    Path target = temp.resolve("bundle.zip");

    DirectoryZip.Zipped zipped = DirectoryZip.zip(bundle, "bundle", workspace, target);

    assertThat(zipped.leftOut()).containsExactlyInAnyOrder("config.json", "home", "data/up");
    assertThat(entries(target).keySet())
        .noneMatch(name -> name.contains("config.json") || name.startsWith("bundle/home"))
        .noneMatch(name -> name.startsWith("bundle/data/up"));
  }
}
