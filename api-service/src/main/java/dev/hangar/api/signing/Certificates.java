package dev.hangar.api.signing;

import dev.hangar.model.signing.CertificateInfo;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import javax.security.auth.x500.X500Principal;

/** What may be shown of certificates and files: subject, expiry, SHA-256 fingerprints (keytool's format). */
final class Certificates {

  private Certificates() {}

  static CertificateInfo info(X509Certificate certificate) {
    try {
      return new CertificateInfo(
          certificate.getSubjectX500Principal().getName(X500Principal.RFC2253),
          certificate.getNotAfter().toInstant().getEpochSecond(),
          sha256(certificate.getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("a loaded certificate re-encodes", e);
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
