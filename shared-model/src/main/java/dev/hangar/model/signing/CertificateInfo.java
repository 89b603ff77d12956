package dev.hangar.model.signing;

/** What can be shown of a certificate: who it names, when it expires, its SHA-256 fingerprint. */
public record CertificateInfo(String subject, long expiresAt, String sha256) {}
