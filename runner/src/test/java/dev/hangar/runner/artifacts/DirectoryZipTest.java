package dev.hangar.runner.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryZipTest {

  @TempDir Path temp;
  private Path workspace;
  private Path bundle;
  private Path target;

  @BeforeEach
  void aBundle() throws IOException {
    workspace = Files.createDirectory(temp.resolve("workspace"));
    bundle = Files.createDirectories(workspace.resolve("build/linux/x64/release/bundle"));
    Files.writeString(bundle.resolve("hello"), "#!/bin/sh\necho hello\n");
    Files.setPosixFilePermissions(
        bundle.resolve("hello"), PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.createDirectories(bundle.resolve("data/flutter_assets"));
    Files.writeString(bundle.resolve("data/flutter_assets/AssetManifest.json"), "{}");
    Files.createDirectories(bundle.resolve("lib/empty"));
    target = temp.resolve("bundle.zip");
  }

  /** What the zip holds: each entry's Unix mode (octal) and, for files and links, content. */
  private record Entry(String mode, String content) {}

  private Map<String, Entry> entries() throws IOException {
    Map<String, Entry> entries = new LinkedHashMap<>();
    try (ZipFile zip = ZipFile.builder().setPath(target).get()) {
      for (ZipArchiveEntry e : Collections.list(zip.getEntries())) {
        try (InputStream in = zip.getInputStream(e)) {
          entries.put(
              e.getName(),
              new Entry(
                  Integer.toOctalString(e.getUnixMode()),
                  new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        }
      }
    }
    return entries;
  }

  @Test
  void theDirectoryUnpacksIntoOneFolderWithEverythingAndEachMode() throws IOException {
    DirectoryZip.Zipped zipped = DirectoryZip.zip(bundle, "bundle", workspace, target);

    Map<String, Entry> entries = entries();
    assertThat(entries)
        .containsOnlyKeys(
            "bundle/",
            "bundle/hello",
            "bundle/data/",
            "bundle/data/flutter_assets/",
            "bundle/data/flutter_assets/AssetManifest.json",
            "bundle/lib/",
            "bundle/lib/empty/")
        .containsEntry("bundle/hello", new Entry("100755", "#!/bin/sh\necho hello\n"));
    assertThat(entries.get("bundle/data/").mode()).startsWith("40");
    assertThat(zipped.leftOut()).isEmpty();
  }

  @Test
  void theHashAndSizeAreThoseOfTheZipWritten() throws IOException {
    HashedFile file = DirectoryZip.zip(bundle, "bundle", workspace, target).file();

    assertThat(file).isEqualTo(HashedFile.of(target));
    assertThat(file.size()).isEqualTo(Files.size(target));
    assertThat(file.sha256()).matches("[0-9a-f]{64}");
  }

  @Test
  void aLinkWithinTheDirectoryStaysALinkAndOneToTheWorkspaceIsStoredAsItsFile() throws IOException {
    Files.writeString(workspace.resolve("LICENSE"), "BSD");
    Files.setPosixFilePermissions(
        workspace.resolve("LICENSE"), PosixFilePermissions.fromString("rw-r-----"));
    Files.createSymbolicLink(bundle.resolve("LICENSE"), workspace.resolve("LICENSE"));
    Files.createSymbolicLink(bundle.resolve("assets"), Path.of("data/flutter_assets"));

    DirectoryZip.zip(bundle, "bundle", workspace, target);

    assertThat(entries())
        .containsEntry("bundle/assets", new Entry("120777", "data/flutter_assets"))
        .containsEntry("bundle/LICENSE", new Entry("100640", "BSD"));
  }

  @Test
  void linksOutOfTheWorkspaceOrToDirectoriesElsewhereAreLeftOut() throws IOException {
    Path home = Files.createDirectory(temp.resolve("home"));
    Files.writeString(home.resolve("runner.json"), "{\"token\":\"t\"}");
    Files.createSymbolicLink(bundle.resolve("config.json"), home.resolve("runner.json"));
    Files.createSymbolicLink(bundle.resolve("home"), home);
    Files.createSymbolicLink(bundle.resolve("up"), Path.of("../../.."));
    Files.createSymbolicLink(bundle.resolve("dangling"), Path.of("/nowhere/at/all"));

    DirectoryZip.Zipped zipped = DirectoryZip.zip(bundle, "bundle", workspace, target);

    assertThat(zipped.leftOut()).containsExactlyInAnyOrder("config.json", "home", "up", "dangling");
    assertThat(entries().keySet())
        .noneMatch(name -> name.matches("bundle/(config.json|home|up|dangling).*"));
  }

  @Test
  void unzipRestoresModesAndLinks() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/unzip")), "needs Info-ZIP's unzip");
    Files.createSymbolicLink(bundle.resolve("assets"), Path.of("data/flutter_assets"));
    DirectoryZip.zip(bundle, "bundle", workspace, target);
    Path out = Files.createDirectory(temp.resolve("out"));

    Process unzip =
        new ProcessBuilder(List.of("/usr/bin/unzip", "-q", target.toString(), "-d", out.toString()))
            .redirectErrorStream(true)
            .start();
    assertThat(unzip.waitFor(Duration.ofSeconds(30).toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(unzip.exitValue()).isZero();

    assertThat(Files.isExecutable(out.resolve("bundle/hello"))).isTrue();
    assertThat(Files.readSymbolicLink(out.resolve("bundle/assets")))
        .isEqualTo(Path.of("data/flutter_assets"));
    assertThat(out.resolve("bundle/assets/AssetManifest.json")).hasContent("{}");
  }
}
