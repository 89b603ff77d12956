package dev.hangar.api.signing;

import dev.hangar.api.web.ValidationFailedException;
import dev.hangar.model.signing.AndroidSigningInfo;
import dev.hangar.model.signing.AndroidSigningUpload;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * Checks an Android upload keystore as Gradle would use it: it opens with the store password, holds
 * the alias as a private key entry, and the key password opens that key.
 */
final class AndroidKeystoreCheck {

  private AndroidKeystoreCheck() {}

  static AndroidSigningInfo inspect(
      AndroidSigningUpload upload, long uploadedAt, String uploadedBy) {
    byte[] bytes = upload.keystore();
    Keystores.Opened opened =
        Keystores.open(bytes, upload.keystorePassword(), "keystore_base64", "keystore_password");
    KeyStore store = opened.store();
    try {
      if (!store.containsAlias(upload.keyAlias())) {
        throw ValidationFailedException.of("key_alias", "is not in the keystore");
      }
      if (!store.isKeyEntry(upload.keyAlias())) {
        throw ValidationFailedException.of("key_alias", "names a certificate, not a private key");
      }
      if (!(store.getKey(upload.keyAlias(), upload.keyPassword().toCharArray())
              instanceof PrivateKey)
          || !(store.getCertificate(upload.keyAlias()) instanceof X509Certificate certificate)) {
        throw ValidationFailedException.of(
            "key_alias", "does not hold a private key with an X.509 certificate");
      }
      return new AndroidSigningInfo(
          opened.type(),
          Certificates.sha256(bytes),
          upload.keyAlias(),
          Certificates.info(certificate),
          uploadedAt,
          uploadedBy);
    } catch (java.security.UnrecoverableKeyException e) {
      throw ValidationFailedException.of("key_password", "does not open the key");
    } catch (GeneralSecurityException e) {
      throw ValidationFailedException.of(
          "keystore_base64", "the key cannot be read: " + e.getClass().getSimpleName());
    }
  }
}
