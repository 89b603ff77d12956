package dev.hangar.model.signing;

import dev.hangar.model.validation.Validated;
import dev.hangar.model.validation.Violations;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code PUT /v1/pipelines/{id}/ios-signing}: the distribution certificate and its provisioning
 * profiles.
 */
public record IosSigningUpload(
    String teamId, String certificateP12Base64, String certificatePassword, List<Profile> profiles)
    implements Validated {

  public static final int MAX_PROFILES = 20;
  private static final Pattern TEAM_ID = Pattern.compile("[A-Z0-9]{10}");
  private static final Pattern BUNDLE_ID =
      Pattern.compile("[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*(\\.\\*)?|\\*");

  @Override
  public void validate(Violations v) {
    v.required("team_id", teamId);
    if (teamId != null && !teamId.isBlank() && !TEAM_ID.matcher(teamId).matches()) {
      v.add("team_id", "must be Apple's 10-character team id, e.g. ABCDE12345");
    }
    Base64Field.decode("certificate_p12_base64", certificateP12Base64, v);
    if (certificatePassword == null) {
      v.add("certificate_password", "is required (it may be empty)");
    }
    v.maxLength("certificate_password", certificatePassword, 1024);
    if (profiles == null || profiles.isEmpty()) {
      v.add("profiles", "at least one provisioning profile is required");
      return;
    }
    if (profiles.size() > MAX_PROFILES) {
      v.add("profiles", "at most " + MAX_PROFILES + " profiles");
    }
    for (int i = 0; i < profiles.size(); i++) {
      Profile profile = profiles.get(i);
      String field = "profiles[" + i + "]";
      if (profile == null) {
        v.add(field, "must be an object");
        continue;
      }
      v.required(field + ".bundle_id", profile.bundleId());
      if (profile.bundleId() != null
          && !profile.bundleId().isBlank()
          && !BUNDLE_ID.matcher(profile.bundleId()).matches()) {
        v.add(field + ".bundle_id", "must be a bundle id such as com.example.app");
      }
      Base64Field.decode(field + ".profile_base64", profile.profileBase64(), v);
    }
  }

  public byte[] certificate() {
    return Base64.getMimeDecoder().decode(certificateP12Base64);
  }

  @Override
  public String toString() {
    return "IosSigningUpload[team_id="
        + teamId
        + ", profiles="
        + (profiles == null ? 0 : profiles.size())
        + "]";
  }

  /** One provisioning profile and the bundle id it must be for. */
  public record Profile(String bundleId, String profileBase64) {
    public byte[] profile() {
      return Base64.getMimeDecoder().decode(profileBase64);
    }

    @Override
    public String toString() {
      return "Profile[bundle_id=" + bundleId + "]";
    }
  }
}
