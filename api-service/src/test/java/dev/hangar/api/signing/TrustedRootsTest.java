package dev.hangar.api.signing;

import static dev.hangar.api.signing.SigningMaterial.authority;
import static dev.hangar.api.signing.SigningMaterial.issued;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Whose signature on a profile counts. A generated root stands in for Apple's (nobody can sign with
 * Apple's key), with the two intermediates real profiles show under it: the iPhone Certification
 * Authority for iOS profiles' signer, and Worldwide Developer Relations, which issues the Mac
 * profiles' signer and every developer's certificates alike.
 */
class TrustedRootsTest {

  private static final SigningMaterial.Identity APPLE_ROOT = authority("Apple Root CA", null);
  private static final SigningMaterial.Identity IPHONE_CA =
      authority("Apple iPhone Certification Authority", APPLE_ROOT);
  private static final SigningMaterial.Identity DEVELOPER_CA =
      authority("Apple Worldwide Developer Relations Certification Authority", APPLE_ROOT);

  private final TrustedRoots trust = new TrustedRoots(List.of(APPLE_ROOT.certificate()), List.of());
  private final Instant now = Instant.now();

  @Test
  void applesProfileSigningCertificateIsTrustedThroughTheIntermediateTheProfileCarries() {
    SigningMaterial.Identity signer =
        issued("Apple iPhone OS Provisioning Profile Signing", IPHONE_CA);
    assertThatCode(
            () ->
                trust.requireTrusted(
                    signer.certificate(),
                    List.of(IPHONE_CA.certificate(), APPLE_ROOT.certificate()),
                    now))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> trust.requireTrusted(signer.certificate(), List.of(), now))
        .hasMessageStartingWith("is not signed by Apple: its signer (")
        .hasMessageContaining(
            "CN=Apple iPhone OS Provisioning Profile Signing) does not chain to a trusted root");
  }

  @Test
  void applesMacProfileSigningCertificateIsTrustedThroughTheDeveloperRelationsIntermediate() {
    SigningMaterial.Identity signer = issued("Mac OS X Provisioning Profile Signing", DEVELOPER_CA);
    assertThatCode(
            () ->
                trust.requireTrusted(
                    signer.certificate(),
                    List.of(DEVELOPER_CA.certificate(), APPLE_ROOT.certificate()),
                    now))
        .doesNotThrowAnyException();
  }

  @Test
  void aDevelopersOwnCertificateChainsToApplesRootButSignsNoProfile() {
    SigningMaterial.Identity developer =
        issued("Apple Distribution: Example Ltd (ABCDE12345)", DEVELOPER_CA);
    assertThatThrownBy(
            () ->
                trust.requireTrusted(
                    developer.certificate(), List.of(DEVELOPER_CA.certificate()), now))
        .hasMessageStartingWith(
            "is not signed by Apple's provisioning profile signing certificate but by ")
        .hasMessageContaining("CN=Apple Distribution: Example Ltd (ABCDE12345)");
  }

  @Test
  void anExtraRootVouchesForWhateverItIssuedAndNothingElseDoes() {
    SigningMaterial.Identity inHouse = authority("Example In-House CA", null);
    SigningMaterial.Identity signer = issued("Example Profile Signing", inHouse);
    TrustedRoots withInHouse =
        new TrustedRoots(List.of(APPLE_ROOT.certificate()), List.of(inHouse.certificate()));
    assertThatCode(() -> withInHouse.requireTrusted(signer.certificate(), List.of(), now))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> trust.requireTrusted(signer.certificate(), List.of(), now))
        .hasMessageContaining("does not chain to a trusted root");
  }

  @Test
  void theChainIsJudgedAsItStoodWhenTheProfileWasSigned() {
    SigningMaterial.Identity signer =
        issued("Apple iPhone OS Provisioning Profile Signing", IPHONE_CA);
    Instant afterEveryCertificateExpired = now.plus(Duration.ofDays(2 * 365));
    assertThatThrownBy(
            () ->
                trust.requireTrusted(
                    signer.certificate(),
                    List.of(IPHONE_CA.certificate()),
                    afterEveryCertificateExpired))
        .hasMessageContaining("does not chain to a trusted root");
    assertThatThrownBy(
            () ->
                trust.requireTrusted(
                    signer.certificate(), List.of(IPHONE_CA.certificate()), Instant.MAX))
        .hasMessageContaining("does not chain to a trusted root");
  }
}
