package io.notifier.pay.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.notifier.pay.notification.TlsTemporalServer.Call;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pay-api on Temporal Cloud with an API key, set as docs/deployment.md tells an operator to. Cloud
 * itself is not reachable from here: a TLS endpoint in the test stands for it (Temporal's test
 * server behind a certificate of a CA the JVM is told to trust, as Cloud's is trusted by the JDK's
 * own cacerts), and records what each call carried.
 */
class TemporalCloudConnectionTest {

  private static final String API_KEY = "test-api-key-" + UUID.randomUUID();
  private static final String NAMESPACE = "notifier-prod.a1b2c";

  @TempDir static Path dir;
  private static TestPki pki;
  private static TestPki.Issued endpoint;

  @BeforeAll
  static void certificates() {
    pki = TestPki.in(dir);
    endpoint = pki.server("endpoint", "localhost");
  }

  @Test
  void anApiKeyIsSentAsABearerTokenOnEveryCall() throws Exception {
    try (TlsTemporalServer cloud = TlsTemporalServer.tls(endpoint);
        JvmTruststore trust = JvmTruststore.of(pki.truststore(), TestPki.PASSWORD)) {
      StarterClient.with(
          cloudSettings(cloud, Map.of("SPRING_TEMPORAL_CONNECTION_ENABLE_HTTPS", "true")),
          StarterClient::startAndDescribe);

      assertThat(cloud.calls())
          .extracting(Call::method)
          .contains("StartWorkflowExecution", "DescribeWorkflowExecution");
      assertThat(cloud.calls())
          .allSatisfy(
              call ->
                  assertThat(call.authorization())
                      .as("authorization of %s", call.method())
                      .isEqualTo("Bearer " + API_KEY));
    }
  }

  @Test
  void everyCallAboutAWorkflowNamesTheConfiguredNamespace() throws Exception {
    try (TlsTemporalServer cloud = TlsTemporalServer.tls(endpoint);
        JvmTruststore trust = JvmTruststore.of(pki.truststore(), TestPki.PASSWORD)) {
      StarterClient.with(
          cloudSettings(cloud, Map.of("SPRING_TEMPORAL_CONNECTION_ENABLE_HTTPS", "true")),
          StarterClient::startAndDescribe);

      // GetSystemInfo, the SDK's first call, is about the server and names no namespace.
      assertThat(cloud.calls())
          .filteredOn(call -> !call.method().equals("GetSystemInfo"))
          .isNotEmpty()
          .allSatisfy(
              call ->
                  assertThat(call.namespace())
                      .as("temporal-namespace of %s", call.method())
                      .isEqualTo(NAMESPACE));
    }
  }

  @Test
  void anApiKeyAloneTurnsTlsOn() throws Exception {
    try (TlsTemporalServer cloud = TlsTemporalServer.tls(endpoint);
        JvmTruststore trust = JvmTruststore.of(pki.truststore(), TestPki.PASSWORD)) {
      StarterClient.with(cloudSettings(cloud, Map.of()), StarterClient::startAndDescribe);

      assertThat(cloud.calls()).extracting(Call::method).contains("StartWorkflowExecution");
    }
  }

  private static Map<String, String> cloudSettings(
      TlsTemporalServer cloud, Map<String, String> more) {
    Map<String, String> settings =
        new HashMap<>(
            Map.of(
                "SPRING_TEMPORAL_CONNECTION_TARGET", "localhost:" + cloud.port(),
                "SPRING_TEMPORAL_NAMESPACE", NAMESPACE,
                "SPRING_TEMPORAL_CONNECTION_API_KEY", API_KEY));
    settings.putAll(more);
    return settings;
  }
}
