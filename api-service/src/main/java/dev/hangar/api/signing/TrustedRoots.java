package dev.hangar.api.signing;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The roots a provisioning profile's signer must chain to: Apple's, and those of
 * HANGAR_SIGNING_EXTRA_TRUSTED_ROOTS. Apple's roots also vouch for every developer's own
 * certificate, which could sign a profile of its own making, so under them only Apple's profile
 * signing certificates count; an extra root vouches for whatever it issued, as the operator trusts
 * it for exactly this.
 */
@Component
class TrustedRoots {

  /**
   * The common names Apple's profile signing certificates have kept across renewals: iOS profiles'
   * (under the iPhone Certification Authority) and Mac profiles' (under Worldwide Developer
   * Relations, the intermediate that issues developers' certificates too).
   */
  private static final Set<String> APPLE_PROFILE_SIGNERS =
      Set.of(
          "Apple iPhone OS Provisioning Profile Signing", "Mac OS X Provisioning Profile Signing");

  private final Set<X509Certificate> apple;
  private final Set<TrustAnchor> anchors;

  @Autowired
  TrustedRoots(SigningSettings settings) {
    this(AppleRoots.load(), settings.extraRoots());
  }

  TrustedRoots(List<X509Certificate> apple, List<X509Certificate> extra) {
    this.apple = Set.copyOf(apple);
    List<X509Certificate> all = new ArrayList<>(apple);
    all.addAll(extra);
    this.anchors =
        all.stream()
            .map(root -> new TrustAnchor(root, null))
            .collect(Collectors.toUnmodifiableSet());
  }

  /**
   * Refuses (with the reason, for the client) a signer that does not chain to a trusted root
   * through the certificates the profile carries, as they stood when it was signed: a profile
   * outlives renewals of Apple's signing certificate, and its own expiry is checked on its own.
   */
  void requireTrusted(
      X509Certificate signer, Collection<X509Certificate> carried, Instant signedAt) {
    X509CertSelector target = new X509CertSelector();
    target.setCertificate(signer);
    Set<X509Certificate> pool = new HashSet<>(carried);
    pool.add(signer);
    PKIXCertPathBuilderResult path;
    try {
      PKIXBuilderParameters parameters = new PKIXBuilderParameters(anchors, target);
      // Checked offline: revocation would need Apple's OCSP and CRL servers on every upload.
      parameters.setRevocationEnabled(false);
      parameters.setDate(Date.from(signedAt));
      parameters.addCertStore(
          CertStore.getInstance("Collection", new CollectionCertStoreParameters(pool)));
      path = (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX").build(parameters);
    } catch (CertPathBuilderException | IllegalArgumentException e) {
      // IllegalArgumentException: Date cannot hold the signing time, and no certificate is valid
      // then either.
      throw new IllegalArgumentException(
          "is not signed by Apple: its signer ("
              + Certificates.subject(signer)
              + ") does not chain to a trusted root certificate");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PKIX path building is part of every JDK", e);
    }
    if (apple.contains(path.getTrustAnchor().getTrustedCert())
        && !APPLE_PROFILE_SIGNERS.contains(commonName(signer))) {
      throw new IllegalArgumentException(
          "is not signed by Apple's provisioning profile signing certificate but by "
              + Certificates.subject(signer));
    }
  }

  private static String commonName(X509Certificate certificate) {
    RDN[] names =
        X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded())
            .getRDNs(BCStyle.CN);
    return names.length == 1 ? IETFUtils.valueToString(names[0].getFirst().getValue()) : "";
  }
}
