package io.notifier.pay.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import io.notifier.pay.Credentials;
import io.notifier.pay.PayApiIntegrationTest;
import io.notifier.workflows.NotifySearchAttributes;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.internal.testservice.TestServicesStarter;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * pay-api started while its Temporal does not answer, as a pay-api restarted during a cluster's
 * restart or under a load that holds the frontend past pay-api's deadline: it comes up, takes
 * recharges, and starts its worker once Temporal answers; the relay then starts what waited.
 */
class BeforeTemporalAnswersTest extends PayApiIntegrationTest {

  /** Where pay-api looks for Temporal; nothing listens there until the test starts a server. */
  private static final int TEMPORAL_PORT = freePort();

  @DynamicPropertySource
  static void temporalNotThereYet(DynamicPropertyRegistry registry) {
    registry.add("spring.temporal.test-server.enabled", () -> "false");
    registry.add("spring.temporal.connection.target", () -> "127.0.0.1:" + TEMPORAL_PORT);
    // The relay takes the recharge as soon as the test asks it to.
    registry.add("notify.relay.grace", () -> "0s");
  }

  @Autowired NotifyWorkerStart workerStart;
  @Autowired NotificationRelay relay;
  @Autowired MeterRegistry meters;

  @Test
  void payApiTakesRechargesBeforeTemporalAnswersAndStartsItsWorkerOnceItDoes() throws Exception {
    assertThat(workerStart.started()).as("worker started with no Temporal").isFalse();
    assertThat(workerStarted()).isZero();
    String txNo = recharge();

    try (TemporalOnPort temporal = TemporalOnPort.start(TEMPORAL_PORT)) {
      await().atMost(Duration.ofSeconds(60)).until(workerStart::started);
      relay.relayPending();

      await().atMost(Duration.ofSeconds(30)).until(() -> notificationsOf(txNo) == 1);
      assertThat(workerStarted()).isOne();
    }
  }

  /** The gauge an operator alerts on: pay-api's health stays UP while its worker waits. */
  private double workerStarted() {
    return meters.get("notify.worker.started").gauge().value();
  }

  private String recharge() throws Exception {
    MvcTestResult result =
        mvc.post()
            .uri("/api/recharges")
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"accountNo\":\"1\",\"amount\":\"5.00\"}")
            .with(Credentials.client())
            .exchange();
    assertThat(result).hasStatus(HttpStatus.CREATED);
    String location = result.getResponse().getHeader("Location");
    return location.substring(location.lastIndexOf('/') + 1);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Temporal's Java test server on a given loopback port, the notifier's attributes known. */
  private record TemporalOnPort(TestServicesStarter temporal, Server server)
      implements AutoCloseable {

    static TemporalOnPort start(int port) throws IOException {
      TestServicesStarter temporal = new TestServicesStarter(true, 0);
      NettyServerBuilder builder =
          NettyServerBuilder.forAddress(
              new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      for (BindableService service : temporal.getServices()) {
        builder.addService(service);
      }
      TemporalOnPort started = new TemporalOnPort(temporal, builder.build().start());
      OperatorServiceStubs operator =
          OperatorServiceStubs.newServiceStubs(
              OperatorServiceStubsOptions.newBuilder()
                  .setTarget("127.0.0.1:" + port)
                  .validateAndBuildWithDefaults());
      try {
        AddSearchAttributesRequest.Builder attributes =
            AddSearchAttributesRequest.newBuilder().setNamespace("default");
        NotifySearchAttributes.ALL.forEach(
            key ->
                attributes.putSearchAttributes(
                    key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
        operator.blockingStub().addSearchAttributes(attributes.build());
      } finally {
        operator.shutdownNow();
      }
      return started;
    }

    @Override
    public void close() {
      server.shutdownNow();
      temporal.close();
    }
  }
}
