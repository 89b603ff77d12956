package dev.hangar.api.signing;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Real signing material made on the spot: keystores and .p12 files through the JDK's KeyStore with
 * a self-signed certificate; a certificate chain standing in for Apple's (a root the tests trust,
 * an intermediate, a profile signing certificate); provisioning profiles as CMS-signed plists made
 * with Bouncy Castle. Nothing secret is ever committed.
 */
public final class SigningMaterial {

  private static final SecureRandom RANDOM = new SecureRandom();

  private SigningMaterial() {}

  public record Identity(KeyPair keys, X509Certificate certificate) {}

  /** A self-signed certificate with its key pair, as a developer's own key would come. */
  public static Identity identity(String commonName) {
    return certify(commonName, null, false);
  }

  /**
   * A certification authority's certificate, issued by {@code issuer}, or self-signed (a root) when
   * it is null.
   */
  static Identity authority(String commonName, Identity issuer) {
    return certify(commonName, issuer, true);
  }

  /**
   * A certificate for signing only, issued by {@code issuer}: what Apple's profile signing
   * certificate is.
   */
  static Identity issued(String commonName, Identity issuer) {
    return certify(commonName, issuer, false);
  }

  private static Identity certify(String commonName, Identity issuer, boolean authority) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      // Hangar checks chains, signatures and names, never key sizes; a 2048-bit key, as Apple
      // issues, takes a test JVM a second to make, a 1024-bit one a tenth of that.
      generator.initialize(1024);
      KeyPair keys = generator.generateKeyPair();
      Instant now = Instant.now();
      X500Name name = new X500Name("CN=" + commonName + ", O=Hangar Tests");
      X500Name issuerName =
          issuer == null
              ? name
              : X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
      PrivateKey signingKey = issuer == null ? keys.getPrivate() : issuer.keys().getPrivate();
      JcaX509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              issuerName,
              new BigInteger(64, RANDOM),
              Date.from(now.minus(Duration.ofDays(1))),
              Date.from(now.plus(Duration.ofDays(365))),
              name,
              keys.getPublic());
      if (issuer != null || authority) {
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
        builder.addExtension(
            Extension.keyUsage,
            true,
            new KeyUsage(
                authority ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
      }
      ContentSigner signer = new JcaContentSignerBuilder("SHA256withRSA").build(signingKey);
      return new Identity(
          keys, new JcaX509CertificateConverter().getCertificate(builder.build(signer)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Certificates as a PEM file holds them, e.g. for HANGAR_SIGNING_EXTRA_TRUSTED_ROOTS. */
  static String pem(List<X509Certificate> certificates) {
    StringBuilder pem = new StringBuilder();
    try {
      for (X509Certificate certificate : certificates) {
        pem.append("-----BEGIN CERTIFICATE-----\n")
            .append(
                Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(certificate.getEncoded()))
            .append("\n-----END CERTIFICATE-----\n");
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return pem.toString();
  }

  /** A keystore of the given type ("PKCS12" or "JKS") holding one private key entry. */
  public static byte[] keystore(
      String type, Identity identity, String storePassword, String alias, String keyPassword) {
    try {
      KeyStore store = KeyStore.getInstance(type);
      store.load(null, null);
      store.setKeyEntry(
          alias,
          identity.keys().getPrivate(),
          keyPassword.toCharArray(),
          new Certificate[] {identity.certificate()});
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      store.store(out, storePassword.toCharArray());
      return out.toByteArray();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A provisioning profile for {@code teamId.bundleId} expiring at {@code expires}, listing {@code
   * developerCertificates}, signed by {@code signer} and carrying {@code carried} besides the
   * signer's certificate (Apple's carry the intermediate and the root).
   */
  static byte[] profile(
      Identity signer,
      List<X509Certificate> carried,
      String teamId,
      String bundleId,
      Instant expires,
      List<X509Certificate> developerCertificates) {
    StringBuilder listed = new StringBuilder();
    try {
      for (X509Certificate certificate : developerCertificates) {
        // Apple breaks the base64 into indented lines; the reader must not mind.
        listed
            .append("\n    <data>\n    ")
            .append(
                Base64.getMimeEncoder(52, "\n    ".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(certificate.getEncoded()))
            .append("\n    </data>");
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    String plist =
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
        <plist version="1.0">
        <dict>
          <key>AppIDName</key><string>Shop</string>
          <key>CreationDate</key><date>%s</date>
          <key>DeveloperCertificates</key>
          <array>%s
          </array>
          <key>Entitlements</key>
          <dict>
            <key>application-identifier</key><string>%s.%s</string>
            <key>get-task-allow</key><false/>
          </dict>
          <key>ExpirationDate</key><date>%s</date>
          <key>Name</key><string>Shop App Store</string>
          <key>TeamIdentifier</key><array><string>%s</string></array>
          <key>UUID</key><string>6f1d2a1e-0000-4000-8000-000000000001</string>
          <key>Version</key><integer>1</integer>
        </dict>
        </plist>
        """
            .formatted(
                DateTimeFormatter.ISO_INSTANT.format(Instant.now().truncatedTo(ChronoUnit.SECONDS)),
                listed,
                teamId,
                bundleId,
                DateTimeFormatter.ISO_INSTANT.format(expires.truncatedTo(ChronoUnit.SECONDS)),
                teamId);
    try {
      CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
      generator.addSignerInfoGenerator(
          new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
              .build(
                  new JcaContentSignerBuilder("SHA256withRSA").build(signer.keys().getPrivate()),
                  signer.certificate()));
      List<X509Certificate> certificates = new ArrayList<>(List.of(signer.certificate()));
      certificates.addAll(carried);
      generator.addCertificates(new JcaCertStore(certificates));
      return generator
          .generate(new CMSProcessableByteArray(plist.getBytes(StandardCharsets.UTF_8)), true)
          .getEncoded();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
