package dev.hangar.api.signing;

import java.io.IOException;
import java.io.InputStream;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Apple's public root certificates, shipped in the jar as {@code signing/apple-roots.pem} (which
 * names each one with the SHA-256 fingerprint Apple publishes), since no JDK or system trust store
 * here carries them.
 */
final class AppleRoots {

  static final String RESOURCE = "/signing/apple-roots.pem";

  private AppleRoots() {}

  static List<X509Certificate> load() {
    try (InputStream in = AppleRoots.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the jar");
      }
      return Certificates.read(in);
    } catch (IOException | CertificateException e) {
      throw new IllegalStateException(RESOURCE + " cannot be read", e);
    }
  }
}
