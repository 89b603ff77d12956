package dev.hangar.model.signing;

import dev.hangar.model.validation.Validated;
import dev.hangar.model.validation.Violations;

/** {@code PUT /v1/pipelines/{id}/android-signing}: the upload keystore and how to open it. */
public record AndroidSigningUpload(
    String keystoreBase64, String keystorePassword, String keyAlias, String keyPassword)
    implements Validated {

  @Override
  public void validate(Violations v) {
    Base64Field.decode("keystore_base64", keystoreBase64, v);
    v.required("keystore_password", keystorePassword);
    v.required("key_alias", keyAlias);
    v.required("key_password", keyPassword);
    v.maxLength("key_alias", keyAlias, 200);
    v.maxLength("keystore_password", keystorePassword, 1024);
    v.maxLength("key_password", keyPassword, 1024);
  }

  public byte[] keystore() {
    return java.util.Base64.getMimeDecoder().decode(keystoreBase64);
  }

  /** Never the secrets: records print their components, so this one says what it is and no more. */
  @Override
  public String toString() {
    return "AndroidSigningUpload[key_alias=" + keyAlias + "]";
  }
}
