package dev.hangar.api.signing;

import dev.hangar.api.web.ValidationFailedException;
import dev.hangar.model.signing.IosSigningInfo;
import dev.hangar.model.signing.IosSigningUpload;
import dev.hangar.model.validation.Violations;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Checks iOS signing material as Xcode would need it: the .p12 opens with its password and holds a
 * certificate with its private key; each profile is a verified CMS-signed plist, signed by Apple (a
 * signer chaining to a {@link TrustedRoots trusted root}), for the given bundle id and team, lists
 * the .p12's certificate among its DeveloperCertificates, and has not expired.
 */
@Component
class IosMaterialCheck {

  private final TrustedRoots trust;

  IosMaterialCheck(TrustedRoots trust) {
    this.trust = trust;
  }

  IosSigningInfo inspect(IosSigningUpload upload, Instant now, String uploadedBy) {
    byte[] p12 = upload.certificate();
    X509Certificate certificate = certificateWithKey(p12, upload.certificatePassword());
    Violations v = new Violations();
    List<IosSigningInfo.ProfileInfo> profiles = new ArrayList<>();
    for (int i = 0; i < upload.profiles().size(); i++) {
      IosSigningUpload.Profile given = upload.profiles().get(i);
      String field = "profiles[" + i + "]";
      byte[] bytes = given.profile();
      ProvisioningProfile profile;
      try {
        profile = ProvisioningProfile.parse(bytes);
      } catch (IllegalArgumentException e) {
        v.add(field + ".profile_base64", e.getMessage());
        continue;
      }
      try {
        trust.requireTrusted(profile.signer(), profile.carried(), profile.createdAt());
      } catch (IllegalArgumentException e) {
        v.add(field + ".profile_base64", e.getMessage());
      }
      if (!profile.lists(certificate)) {
        v.add(
            field + ".profile_base64",
            "does not list the certificate of certificate_p12_base64 ("
                + Certificates.subject(certificate)
                + ") among its DeveloperCertificates");
      }
      if (!profile.covers(given.bundleId())) {
        v.add(
            field + ".bundle_id",
            "the profile is for " + profile.bundleId() + ", not " + given.bundleId());
      }
      if (!profile.teamIds().isEmpty() && !profile.teamIds().contains(upload.teamId())) {
        v.add(
            field + ".profile_base64",
            "belongs to team " + String.join(", ", profile.teamIds()) + ", not " + upload.teamId());
      }
      if (!profile.expiresAt().isAfter(now)) {
        v.add(
            field + ".profile_base64",
            "expired on " + DateTimeFormatter.ISO_INSTANT.format(profile.expiresAt()));
      }
      profiles.add(
          new IosSigningInfo.ProfileInfo(
              given.bundleId(),
              profile.name(),
              profile.uuid(),
              profile.expiresAt().getEpochSecond(),
              Certificates.sha256(bytes)));
    }
    if (!v.isEmpty()) {
      throw new ValidationFailedException(v.list());
    }
    return new IosSigningInfo(
        upload.teamId(),
        Certificates.sha256(p12),
        Certificates.info(certificate),
        Collections.unmodifiableList(profiles),
        now.getEpochSecond(),
        uploadedBy);
  }

  private static X509Certificate certificateWithKey(byte[] p12, String password) {
    Keystores.Opened opened =
        Keystores.open(p12, password, "certificate_p12_base64", "certificate_password");
    KeyStore store = opened.store();
    try {
      for (String alias : Collections.list(store.aliases())) {
        if (store.isKeyEntry(alias)
            && store.getKey(alias, password.toCharArray()) instanceof PrivateKey
            && store.getCertificate(alias) instanceof X509Certificate certificate) {
          return certificate;
        }
      }
    } catch (java.security.UnrecoverableKeyException e) {
      throw ValidationFailedException.of("certificate_password", "does not open the private key");
    } catch (GeneralSecurityException e) {
      throw ValidationFailedException.of(
          "certificate_p12_base64", "cannot be read: " + e.getClass().getSimpleName());
    }
    throw ValidationFailedException.of(
        "certificate_p12_base64", "holds no certificate with its private key");
  }
}
