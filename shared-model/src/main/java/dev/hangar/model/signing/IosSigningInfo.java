package dev.hangar.model.signing;

import java.util.List;

/** {@code GET …/ios-signing}: metadata only, never a secret. */
public record IosSigningInfo(
    String teamId,
    String certificateSha256,
    CertificateInfo certificate,
    List<ProfileInfo> profiles,
    long uploadedAt,
    String uploadedBy) {

  public record ProfileInfo(
      String bundleId, String name, String uuid, long expiresAt, String sha256) {}
}
