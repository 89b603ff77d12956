package dev.hangar.api.signing;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
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
 * Real signing material made on the spot: keystores and .p12 files through the JDK's KeyStore with a
 * self-signed certificate, provisioning profiles as CMS-signed plists made with Bouncy Castle. Nothing
 * secret is ever committed.
 */
final class SigningMaterial {

  private SigningMaterial() {}

  record Identity(KeyPair keys, X509Certificate certificate) {}

  static Identity identity(String commonName) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair keys = generator.generateKeyPair();
      Instant now = Instant.now();
      X500Name name = new X500Name("CN=" + commonName + ", O=Hangar Tests");
      ContentSigner signer = new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate());
      X509Certificate certificate =
          new JcaX509CertificateConverter()
              .getCertificate(
                  new JcaX509v3CertificateBuilder(
                          name, BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofDays(1))),
                          Date.from(now.plus(Duration.ofDays(365))), name, keys.getPublic())
                      .build(signer));
      return new Identity(keys, certificate);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A keystore of the given type ("PKCS12" or "JKS") holding one private key entry. */
  static byte[] keystore(String type, Identity identity, String storePassword, String alias, String keyPassword) {
    try {
      KeyStore store = KeyStore.getInstance(type);
      store.load(null, null);
      store.setKeyEntry(alias, identity.keys().getPrivate(), keyPassword.toCharArray(), new Certificate[] {identity.certificate()});
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      store.store(out, storePassword.toCharArray());
      return out.toByteArray();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A provisioning profile for {@code teamId.bundleId} expiring at {@code expires}, signed by {@code signer}. */
  static byte[] profile(Identity signer, String teamId, String bundleId, Instant expires) {
    String plist =
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
        <plist version="1.0">
        <dict>
          <key>AppIDName</key><string>Shop</string>
          <key>CreationDate</key><date>%s</date>
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
                teamId, bundleId, DateTimeFormatter.ISO_INSTANT.format(expires.truncatedTo(ChronoUnit.SECONDS)), teamId);
    try {
      CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
      generator.addSignerInfoGenerator(
          new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
              .build(new JcaContentSignerBuilder("SHA256withRSA").build(signer.keys().getPrivate()), signer.certificate()));
      generator.addCertificates(new JcaCertStore(List.of(signer.certificate())));
      return generator.generate(new CMSProcessableByteArray(plist.getBytes(StandardCharsets.UTF_8)), true).getEncoded();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
