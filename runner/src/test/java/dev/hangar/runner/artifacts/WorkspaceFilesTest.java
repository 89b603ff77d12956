package dev.hangar.runner.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.runner.artifacts.WorkspaceFiles.Match;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceFilesTest {

  @TempDir Path temp;
  private Path workspace;

  @BeforeEach
  void aWorkspace() throws IOException {
    workspace = Files.createDirectory(temp.resolve("workspace"));
    for (String file :
        List.of(
            "build/app/outputs/flutter-apk/app-release.apk",
            "build/app/outputs/flutter-apk/app-debug.apk",
            "build/app/outputs/flutter-apk/output-metadata.json",
            "reports/unit.xml",
            "reports/widget/golden.xml",
            "reports/widget/deep/er.xml",
            "build/web/index.html",
            "build/web/assets/a.txt",
            "out/a1.txt",
            "out/b2.txt",
            "out/c3.txt")) {
      write(file);
    }
  }

  private void write(String file) throws IOException {
    Path path = workspace.resolve(file);
    Files.createDirectories(path.getParent());
    Files.writeString(path, file);
  }

  private List<String> matched(String pattern) throws IOException {
    return WorkspaceFiles.matching(workspace, pattern).found().stream()
        .map(Match::relative)
        .toList();
  }

  @Test
  void aStarStaysInItsDirectory() throws IOException {
    assertThat(matched("build/app/outputs/flutter-apk/*.apk"))
        .containsExactly(
            "build/app/outputs/flutter-apk/app-debug.apk",
            "build/app/outputs/flutter-apk/app-release.apk");
    assertThat(matched("build/*.apk")).isEmpty();
  }

  @Test
  void twoStarsCrossDirectoriesIncludingNone() throws IOException {
    assertThat(matched("reports/**/*.xml"))
        .containsExactly(
            "reports/unit.xml", "reports/widget/deep/er.xml", "reports/widget/golden.xml");
    assertThat(matched("**/app-release.apk"))
        .containsExactly("build/app/outputs/flutter-apk/app-release.apk");
  }

  @Test
  void questionMarksAndBracketsMatchOneCharacter() throws IOException {
    assertThat(matched("out/[ab]?.txt")).containsExactly("out/a1.txt", "out/b2.txt");
    assertThat(matched("out/?.txt")).isEmpty();
  }

  @Test
  void aMatchedDirectoryIsOneMatchAndItsContentsAreNotSearched() throws IOException {
    List<Match> found = WorkspaceFiles.matching(workspace, "./build/web/").found();

    assertThat(found)
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.relative()).isEqualTo("build/web");
              assertThat(m.directory()).isTrue();
            });
    assertThat(matched("build/*")).containsExactly("build/app", "build/web");
  }

  @Test
  void wildcardsPassOverDotNamesUnlessThePatternNamesOne() throws IOException {
    write("build/.last_build_id");
    write(".git/objects/app.apk");
    write(".dart_tool/cache/app.apk");
    write(".well-known/assetlinks.json");

    assertThat(matched("build/*")).containsExactly("build/app", "build/web");
    assertThat(matched("**/app-release.apk"))
        .containsExactly("build/app/outputs/flutter-apk/app-release.apk");
    assertThat(matched("**/*.apk")).noneMatch(path -> path.startsWith("."));
    assertThat(matched("build/.last_build_id")).containsExactly("build/.last_build_id");
    assertThat(matched(".well-known/*")).containsExactly(".well-known/assetlinks.json");
  }

  @Test
  void aPatternMatchingNothingFindsNothing() throws IOException {
    assertThat(WorkspaceFiles.matching(workspace, "build/ios/ipa/*.ipa").found()).isEmpty();
    assertThat(WorkspaceFiles.matching(workspace, "missing").found()).isEmpty();
  }

  @Test
  void aLinkLeadingOutOfTheWorkspaceIsRefusedNotFollowed() throws IOException {
    Path secret = Files.writeString(temp.resolve("runner.json"), "{\"token\":\"t\"}");
    Path secrets = Files.createDirectory(temp.resolve("secrets"));
    Files.writeString(secrets.resolve("key.jks"), "key");
    Files.createSymbolicLink(workspace.resolve("out/config.txt"), secret);
    Files.createSymbolicLink(workspace.resolve("out/keys"), secrets);

    WorkspaceFiles.Matches matches = WorkspaceFiles.matching(workspace, "out/**");

    assertThat(matches.found())
        .extracting(Match::relative)
        .containsExactly("out/a1.txt", "out/b2.txt", "out/c3.txt");
    assertThat(matches.outside()).containsExactlyInAnyOrder("out/config.txt", "out/keys");
  }

  @Test
  void aDirectoryOnTheWayOutIsRefusedToo() throws IOException {
    Path elsewhere = Files.createDirectory(temp.resolve("elsewhere"));
    Files.writeString(elsewhere.resolve("app.apk"), "not the build's");
    Files.createSymbolicLink(workspace.resolve("linked"), elsewhere);

    WorkspaceFiles.Matches matches = WorkspaceFiles.matching(workspace, "linked/*.apk");

    assertThat(matches.found()).isEmpty();
    assertThat(matches.outside()).containsExactly("linked");
  }

  @Test
  void aLinkInsideTheWorkspaceCountsAsWhatItPointsTo() throws IOException {
    Files.createSymbolicLink(
        workspace.resolve("latest.apk"),
        workspace.resolve("build/app/outputs/flutter-apk/app-release.apk"));
    Files.createSymbolicLink(workspace.resolve("site"), Path.of("build/web"));

    List<Match> found = WorkspaceFiles.matching(workspace, "{latest.apk,site}").found();

    assertThat(found)
        .containsExactly(
            new Match(
                "latest.apk",
                workspace.toRealPath().resolve("build/app/outputs/flutter-apk/app-release.apk"),
                false),
            new Match("site", workspace.toRealPath().resolve("build/web"), true));
  }
}
