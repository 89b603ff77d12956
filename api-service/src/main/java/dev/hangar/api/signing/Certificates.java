package dev.hangar.api.signing;

import dev.hangar.model.signing.CertificateInfo;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import javax.security.auth.x500.X500Principal;

/**
 * Reading certificates, and what may be shown of them and of files: subject, expiry, SHA-256
 * fingerprints (keytool's format).
 */
final class Certificates {

  private Certificates() {}

  /**
   * The certificates in PEM (text around the blocks is ignored) or DER; empty when there are none.
   */
  static List<X509Certificate> read(InputStream in) throws CertificateException {
    return CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
        .map(X509Certificate.class::cast)
        .toList();
  }

  static String subject(X509Certificate certificate) {
    return certificate.getSubjectX500Principal().getName(X500Principal.RFC2253);
  }

  static CertificateInfo info(X509Certificate certificate) {
    try {
      return new CertificateInfo(
          subject(certificate),
          certificate.getNotAfter().toInstant().getEpochSecond(),
          sha256(certificate.getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("a loaded certificate re-encodes", e);
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.ofDelimiter(":")
          .withUpperCase()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
