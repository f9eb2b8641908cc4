package io.notifier.pay.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.notifier.pay.notification.TlsTemporalServer.Call;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pay-api on a Temporal frontend that requires client certificates (a self-hosted cluster, or
 * Temporal Cloud with mTLS), set as docs/deployment.md tells an operator to: the key and chain
 * files for the client's certificate, the server's name, and the private CA trusted through the
 * JVM's truststore, since the starter has no setting for a CA file.
 */
class TemporalMtlsConnectionTest {

  private static final String CLIENT_SUBJECT = "CN=pay-api,O=notifier test";
  private static final String FRONTEND = "frontend.temporal.test";

  @TempDir static Path dir;
  private static TestPki pki;
  private static TestPki.Issued frontend;
  private static TestPki.Issued client;

  @BeforeAll
  static void certificates() {
    pki = TestPki.in(dir);
    frontend = pki.server("frontend", FRONTEND);
    client = pki.client("client", CLIENT_SUBJECT);
  }

  @Test
  void theClientPresentsTheCertificateOfItsKeyAndChainFiles() throws Exception {
    try (TlsTemporalServer cluster = TlsTemporalServer.mutualTls(frontend, pki);
        JvmTruststore trust = JvmTruststore.of(pki.truststore(), TestPki.PASSWORD)) {
      StarterClient.with(mtlsSettings(cluster), StarterClient::startAndDescribe);

      assertThat(cluster.calls())
          .extracting(Call::method)
          .contains("StartWorkflowExecution", "DescribeWorkflowExecution");
      assertThat(cluster.calls())
          .allSatisfy(
              call ->
                  assertThat(call.clientSubject())
                      .as("the certificate presented with %s", call.method())
                      .isEqualTo(CLIENT_SUBJECT));
    }
  }

  @Test
  void aFrontendOfAPrivateCaIsRefusedWithoutTheTruststore() throws Exception {
    try (TlsTemporalServer cluster = TlsTemporalServer.mutualTls(frontend, pki);
        JvmTruststore jdkDefault = JvmTruststore.jdkDefault()) {
      assertThatThrownBy(
              () -> StarterClient.with(mtlsSettings(cluster), StarterClient::startAndDescribe))
          .hasStackTraceContaining("PKIX path building failed");

      assertThat(cluster.calls()).isEmpty();
    }
  }

  private static Map<String, String> mtlsSettings(TlsTemporalServer cluster) {
    // The frontend's certificate names it, not the address it is reached at: server-name says
    // which name to expect.
    return Map.of(
        "SPRING_TEMPORAL_CONNECTION_TARGET",
        "127.0.0.1:" + cluster.port(),
        "SPRING_TEMPORAL_NAMESPACE",
        "notifier",
        "SPRING_TEMPORAL_CONNECTION_MTLS_KEY_FILE",
        client.key().toString(),
        "SPRING_TEMPORAL_CONNECTION_MTLS_CERT_CHAIN_FILE",
        client.certChain().toString(),
        "SPRING_TEMPORAL_CONNECTION_MTLS_SERVER_NAME",
        FRONTEND);
  }
}
