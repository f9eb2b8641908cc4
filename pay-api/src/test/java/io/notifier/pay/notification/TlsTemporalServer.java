package io.notifier.pay.notification;

import io.grpc.BindableService;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.TestServicesStarter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Temporal's Java test server behind TLS, as a frontend is in production: it answers every call for
 * real, and records what each one carried (its headers, the certificate the client presented).
 * Listens on a free loopback port.
 */
final class TlsTemporalServer implements AutoCloseable {

  static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  static final Metadata.Key<String> NAMESPACE =
      Metadata.Key.of("temporal-namespace", Metadata.ASCII_STRING_MARSHALLER);

  /** One call as the server saw it; {@code clientSubject} null when no certificate came. */
  record Call(String method, String authorization, String namespace, String clientSubject) {}

  private final TestServicesStarter temporal = new TestServicesStarter(true, 0);
  private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
  private final Server server;

  private TlsTemporalServer(ServerCredentials credentials) {
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), credentials);
    for (BindableService service : temporal.getServices()) {
      builder.addService(ServerInterceptors.intercept(service, new Recorder()));
    }
    try {
      server = builder.build().start();
    } catch (IOException e) {
      temporal.close();
      throw new UncheckedIOException(e);
    }
  }

  /** Server-side TLS only, as Temporal Cloud's API-key endpoints are. */
  static TlsTemporalServer tls(TestPki.Issued certificate) throws IOException {
    return new TlsTemporalServer(
        TlsServerCredentials.newBuilder()
            .keyManager(certificate.certChain().toFile(), certificate.key().toFile())
            .build());
  }

  /** Mutual TLS: no call without a client certificate the CA signed. */
  static TlsTemporalServer mutualTls(TestPki.Issued certificate, TestPki pki) throws IOException {
    return new TlsTemporalServer(
        TlsServerCredentials.newBuilder()
            .keyManager(certificate.certChain().toFile(), certificate.key().toFile())
            .trustManager(pki.caPem().toFile())
            .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE)
            .build());
  }

  int port() {
    return server.getPort();
  }

  List<Call> calls() {
    return List.copyOf(calls);
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    temporal.close();
  }

  private final class Recorder implements ServerInterceptor {
    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(
        ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
      calls.add(
          new Call(
              call.getMethodDescriptor().getBareMethodName(),
              headers.get(AUTHORIZATION),
              headers.get(NAMESPACE),
              clientSubject(call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION))));
      return next.startCall(call, headers);
    }

    private static String clientSubject(SSLSession session) {
      try {
        return session == null
            ? null
            : ((X509Certificate) session.getPeerCertificates()[0])
                .getSubjectX500Principal()
                .getName();
      } catch (SSLPeerUnverifiedException noCertificate) {
        return null;
      }
    }
  }
}
