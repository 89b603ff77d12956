package dev.hangar.api.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppleRootsTest {

  @Test
  void theShippedRootsAreApplesWithTheFingerprintsApplePublishes()
      throws CertificateEncodingException {
    Map<String, String> shipped = new HashMap<>();
    for (X509Certificate root : AppleRoots.load()) {
      shipped.put(Certificates.subject(root), Certificates.sha256(root.getEncoded()));
    }
    assertThat(shipped)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "CN=Apple Root CA,OU=Apple Certification Authority,O=Apple Inc.,C=US",
                "B0:B1:73:0E:CB:C7:FF:45:05:14:2C:49:F1:29:5E:6E:DA:6B:CA:ED:7E:2C:68:C5:BE:91:B5:A1:10:01:F0:24",
                "C=US,O=Apple Inc.,OU=Apple Certification Authority,CN=Apple Root CA - G2",
                "C2:B9:B0:42:DD:57:83:0E:7D:11:7D:AC:55:AC:8A:E1:94:07:D3:8E:41:D8:8F:32:15:BC:3A:89:04:44:A0:50",
                "C=US,O=Apple Inc.,OU=Apple Certification Authority,CN=Apple Root CA - G3",
                "63:34:3A:BF:B8:9A:6A:03:EB:B5:7E:9B:3F:5F:A7:BE:7C:4F:5C:75:6F:30:17:B3:A8:C4:88:C3:65:3E:91:79"));
  }
}
