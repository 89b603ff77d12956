package dev.hangar.api.artifacts;

import static dev.hangar.engine.startup.SettingCheck.require;

import dev.hangar.model.artifacts.CreateArtifactLinkRequest;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How much a build may keep as artifacts, and how long a download link lives.
 *
 * @param artifactMaxSize the largest one artifact may be
 * @param artifactMaxBuildSize the most all artifacts of one build may take together
 * @param artifactLinkTtl how long a download link works unless its request asks for another
 *     lifetime (up to {@link #LONGEST_LINK})
 */
@ConfigurationProperties("hangar")
public record ArtifactSettings(
    @DefaultValue("4GB") DataSize artifactMaxSize,
    @DefaultValue("10GB") DataSize artifactMaxBuildSize,
    @DefaultValue("15m") Duration artifactLinkTtl) {

  static final Duration LONGEST_LINK = Duration.ofSeconds(CreateArtifactLinkRequest.MAX_SECONDS);

  public ArtifactSettings {
    require(
        artifactMaxSize.toBytes() >= 1, "HANGAR_ARTIFACT_MAX_SIZE", artifactMaxSize, "at least 1B");
    require(
        artifactMaxBuildSize.compareTo(artifactMaxSize) >= 0,
        "HANGAR_ARTIFACT_MAX_BUILD_SIZE",
        artifactMaxBuildSize,
        "at least HANGAR_ARTIFACT_MAX_SIZE (" + artifactMaxSize + ")");
    require(
        artifactLinkTtl.toSeconds() >= 1 && artifactLinkTtl.compareTo(LONGEST_LINK) <= 0,
        "HANGAR_ARTIFACT_LINK_TTL",
        artifactLinkTtl,
        "between 1s and 7d");
  }
}
