package io.notifier.temporaldev;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.notifier.workflows.NotifySearchAttributes;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Temporal service for the default run: the Java test server from temporal-testing, in real time,
 * listening on a loopback port, with the notifier's search attributes registered. It keeps
 * everything in memory; for a persistent server with the Web UI, use {@code
 * temporal-dev/dev-server.sh}.
 *
 * <p>Built from the test server's parts rather than {@code TestServer.createPortBoundServer}, which
 * listens on every interface: a development server has no business outside loopback.
 */
public final class EmbeddedTemporal implements AutoCloseable {

  public static final String NAMESPACE = "default";
  private static final Logger log = LoggerFactory.getLogger(EmbeddedTemporal.class);

  private final TestServicesStarter services;
  private final Server server;

  private EmbeddedTemporal(TestServicesStarter services, Server server) {
    this.services = services;
    this.server = server;
  }

  /** Starts listening on {@code host:port}, in real time, with the search attributes registered. */
  public static EmbeddedTemporal start(String host, int port) throws IOException {
    // lockTimeSkipping=true: time passes as on a real server, never skipped.
    TestServicesStarter services = new TestServicesStarter(true, 0);
    NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(host, port));
    GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
    EmbeddedTemporal temporal = new EmbeddedTemporal(services, builder.build().start());
    temporal.registerSearchAttributes(host + ":" + port);
    return temporal;
  }

  public int port() {
    return server.getPort();
  }

  private void registerSearchAttributes(String target) {
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setTarget(target)
                .validateAndBuildWithDefaults());
    try {
      AddSearchAttributesRequest.Builder request =
          AddSearchAttributesRequest.newBuilder().setNamespace(NAMESPACE);
      NotifySearchAttributes.ALL.forEach(
          key ->
              request.putSearchAttributes(
                  key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
      operator.blockingStub().addSearchAttributes(request.build());
    } finally {
      operator.shutdown();
    }
  }

  @Override
  public void close() {
    server.shutdown();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    services.close();
  }

  /** {@code java -jar temporal-dev-exec.jar [port]}: listens on 127.0.0.1, port 7233 by default. */
  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 7233;
    EmbeddedTemporal temporal = start("127.0.0.1", port);
    Runtime.getRuntime().addShutdownHook(new Thread(temporal::close, "temporal-shutdown"));
    log.info(
        "Temporal (embedded, in memory) ready on 127.0.0.1:{} · namespace {} · search attributes {}",
        temporal.port(),
        NAMESPACE,
        NotifySearchAttributes.ALL.stream().map(key -> key.getName()).toList());
    temporal.server.awaitTermination();
  }
}
