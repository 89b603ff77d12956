package dev.hangar.api.signing;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;

/**
 * A provisioning profile: a CMS SignedData (parsed and verified with Bouncy Castle against the
 * certificates it carries) wrapping an XML plist. {@code appId} is the entitlement {@code
 * application-identifier}, {@code TEAMID.com.example.app}; {@code developerCertificates} are the
 * SHA-256 fingerprints of the certificates it lets sign; {@code signer} made the signature, {@code
 * carried} are all the certificates the CMS holds (Apple's include the intermediate and root).
 */
record ProvisioningProfile(
    String name,
    String uuid,
    List<String> teamIds,
    String appId,
    Instant createdAt,
    Instant expiresAt,
    Set<String> developerCertificates,
    X509Certificate signer,
    List<X509Certificate> carried) {

  static ProvisioningProfile parse(byte[] bytes) {
    Signed signed = verify(bytes);
    Map<String, Object> plist = Plist.read(signed.content());
    Map<?, ?> entitlements = plist.get("Entitlements") instanceof Map<?, ?> m ? m : Map.of();
    Object appId =
        entitlements.containsKey("application-identifier")
            ? entitlements.get("application-identifier")
            : entitlements.get("com.apple.application-identifier");
    if (!(appId instanceof String id)
        || !(plist.get("CreationDate") instanceof Instant created)
        || !(plist.get("ExpirationDate") instanceof Instant expires)) {
      throw new IllegalArgumentException(
          "lacks an application-identifier, a CreationDate or an ExpirationDate");
    }
    List<String> teams =
        plist.get("TeamIdentifier") instanceof List<?> list
            ? list.stream().map(String::valueOf).toList()
            : List.of();
    Set<String> developerCertificates =
        plist.get("DeveloperCertificates") instanceof List<?> listed
            ? listed.stream()
                .filter(byte[].class::isInstance)
                .map(der -> Certificates.sha256((byte[]) der))
                .collect(Collectors.toUnmodifiableSet())
            : Set.of();
    return new ProvisioningProfile(
        String.valueOf(plist.getOrDefault("Name", "")),
        String.valueOf(plist.getOrDefault("UUID", "")),
        teams,
        id,
        created,
        expires,
        developerCertificates,
        signed.signer(),
        signed.carried());
  }

  /** The signed content of a CMS SignedData with one signer whose signature verifies. */
  private static Signed verify(byte[] bytes) {
    try {
      CMSSignedData cms = new CMSSignedData(bytes);
      Collection<SignerInformation> signers = cms.getSignerInfos().getSigners();
      if (cms.getSignedContent() == null || signers.size() != 1) {
        throw new IllegalArgumentException("is not a provisioning profile with one signature");
      }
      SignerInformation signer = signers.iterator().next();
      @SuppressWarnings("unchecked")
      Collection<X509CertificateHolder> signerCertificates =
          cms.getCertificates().getMatches(signer.getSID());
      if (signerCertificates.isEmpty()
          || !signer.verify(
              new JcaSimpleSignerInfoVerifierBuilder()
                  .build(signerCertificates.iterator().next()))) {
        throw new IllegalArgumentException("has a signature that does not verify");
      }
      JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
      List<X509Certificate> carried = new ArrayList<>();
      @SuppressWarnings("unchecked")
      Collection<X509CertificateHolder> all = cms.getCertificates().getMatches(null);
      for (X509CertificateHolder holder : all) {
        carried.add(converter.getCertificate(holder));
      }
      return new Signed(
          (byte[]) cms.getSignedContent().getContent(),
          converter.getCertificate(signerCertificates.iterator().next()),
          List.copyOf(carried));
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalArgumentException("is not a CMS-signed provisioning profile");
    }
  }

  private record Signed(byte[] content, X509Certificate signer, List<X509Certificate> carried) {}

  /** Whether code signed with {@code certificate} may use this profile. */
  boolean lists(X509Certificate certificate) {
    try {
      return developerCertificates.contains(Certificates.sha256(certificate.getEncoded()));
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("a loaded certificate re-encodes", e);
    }
  }

  /** The bundle id part of the app id; may end in {@code *} for a wildcard profile. */
  String bundleId() {
    int dot = appId.indexOf('.');
    return dot < 0 ? appId : appId.substring(dot + 1);
  }

  boolean covers(String bundle) {
    String mine = bundleId();
    return mine.equals(bundle)
        || (mine.endsWith("*") && bundle.startsWith(mine.substring(0, mine.length() - 1)));
  }
}
