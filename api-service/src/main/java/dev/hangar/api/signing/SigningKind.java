package dev.hangar.api.signing;

import dev.hangar.model.Platform;
import dev.hangar.model.WireName;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The two kinds of signing material, and the pipeline platforms each may be uploaded to and
 * released for. Apple material serves macOS builds too: a Mac app is signed with the same kind of
 * Apple certificate (.p12) and Apple-signed provisioning profiles, and the runners that build it
 * are the Macs that hold Xcode.
 */
enum SigningKind implements WireName {
  ANDROID(Set.of(Platform.ANDROID)),
  IOS(Set.of(Platform.IOS, Platform.MACOS));

  private final Set<Platform> platforms;

  SigningKind(Set<Platform> platforms) {
    this.platforms = platforms;
  }

  /** The kind a signing key names, e.g. {@code ios} in {@code <ns>:signing:<pipeline>:ios}. */
  static SigningKind fromWire(String wire) {
    return WireName.parse(SigningKind.class, wire);
  }

  boolean fits(Platform platform) {
    return platforms.contains(platform);
  }

  /** The platforms for a person to read, e.g. {@code ios or macos}. */
  String platformsInWords() {
    return platforms.stream().map(Platform::wire).sorted().collect(Collectors.joining(" or "));
  }

  /** The platforms as the release script compares them, e.g. {@code ios,macos}. */
  String platformList() {
    return platforms.stream().map(Platform::wire).sorted().collect(Collectors.joining(","));
  }

  /** Associated data for the cipher: the material is only valid for this pipeline and kind. */
  String context(String pipelineId) {
    return "hangar-signing:" + pipelineId + ":" + wire();
  }
}
