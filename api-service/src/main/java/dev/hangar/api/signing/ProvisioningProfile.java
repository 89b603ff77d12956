package dev.hangar.api.signing;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;

/**
 * A provisioning profile: a CMS SignedData (parsed and verified with Bouncy Castle against the
 * certificates it carries) wrapping an XML plist. {@code appId} is the entitlement
 * {@code application-identifier}, {@code TEAMID.com.example.app}.
 */
record ProvisioningProfile(String name, String uuid, List<String> teamIds, String appId, Instant expiresAt) {

  static ProvisioningProfile parse(byte[] bytes) {
    byte[] content;
    try {
      CMSSignedData cms = new CMSSignedData(bytes);
      if (cms.getSignedContent() == null || cms.getSignerInfos().size() == 0) {
        throw new IllegalArgumentException("is not a signed provisioning profile");
      }
      for (SignerInformation signer : cms.getSignerInfos().getSigners()) {
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> certificates = cms.getCertificates().getMatches(signer.getSID());
        if (certificates.isEmpty()
            || !signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(certificates.iterator().next()))) {
          throw new IllegalArgumentException("has a signature that does not verify");
        }
      }
      content = (byte[]) cms.getSignedContent().getContent();
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalArgumentException("is not a CMS-signed provisioning profile");
    }
    Map<String, Object> plist = Plist.read(content);
    Map<?, ?> entitlements = plist.get("Entitlements") instanceof Map<?, ?> m ? m : Map.of();
    Object appId = entitlements.containsKey("application-identifier")
        ? entitlements.get("application-identifier")
        : entitlements.get("com.apple.application-identifier");
    if (!(appId instanceof String id) || !(plist.get("ExpirationDate") instanceof Instant expires)) {
      throw new IllegalArgumentException("lacks an application-identifier or an ExpirationDate");
    }
    List<String> teams = plist.get("TeamIdentifier") instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    return new ProvisioningProfile(String.valueOf(plist.getOrDefault("Name", "")), String.valueOf(plist.getOrDefault("UUID", "")), teams, id, expires);
  }

  /** The bundle id part of the app id; may end in {@code *} for a wildcard profile. */
  String bundleId() {
    int dot = appId.indexOf('.');
    return dot < 0 ? appId : appId.substring(dot + 1);
  }

  boolean covers(String bundle) {
    String mine = bundleId();
    return mine.equals(bundle) || (mine.endsWith("*") && bundle.startsWith(mine.substring(0, mine.length() - 1)));
  }
}
