package dev.hangar.api.signing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How uploads are checked. HANGAR_SIGNING_EXTRA_TRUSTED_ROOTS names a PEM file of root certificates
 * trusted to sign provisioning profiles beside Apple's: an organisation's own CA for profiles it
 * signs itself. Unset, only Apple's roots are trusted.
 */
@ConfigurationProperties("hangar.signing")
public record SigningSettings(String extraTrustedRoots) {

  private static final String VARIABLE = "HANGAR_SIGNING_EXTRA_TRUSTED_ROOTS";

  public SigningSettings {
    extraRoots(extraTrustedRoots);
  }

  /** The certificates of HANGAR_SIGNING_EXTRA_TRUSTED_ROOTS, none when it is unset. */
  public List<X509Certificate> extraRoots() {
    return extraRoots(extraTrustedRoots);
  }

  private static List<X509Certificate> extraRoots(String path) {
    if (path == null || path.isBlank()) {
      return List.of();
    }
    String invalid = VARIABLE + "=" + path + " is invalid: ";
    byte[] pem;
    try {
      pem = Files.readAllBytes(Path.of(path));
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(invalid + "no such file");
    } catch (IOException e) {
      throw new IllegalArgumentException(
          invalid + "the file cannot be read (" + e.getClass().getSimpleName() + ")");
    }
    List<X509Certificate> roots;
    try {
      roots = Certificates.read(new ByteArrayInputStream(pem));
    } catch (CertificateException e) {
      roots = List.of();
    }
    if (roots.isEmpty()) {
      throw new IllegalArgumentException(invalid + "the file holds no readable PEM certificate");
    }
    return roots;
  }
}
