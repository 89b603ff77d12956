package dev.hangar.model.signing;

/** {@code GET …/android-signing}: metadata only, never a secret. */
public record AndroidSigningInfo(
    String keystoreType,
    String keystoreSha256,
    String keyAlias,
    CertificateInfo certificate,
    long uploadedAt,
    String uploadedBy) {}
