package io.notifier.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy in front of a service, which the test can take down and bring back: while down, its
 * port refuses connections and open ones are cut, exactly what a caller sees of a receiver that is
 * unreachable. It lets a test cut pay-api off from account-api while both keep running.
 */
final class FaultProxy implements AutoCloseable {

  private final int port;
  private final int target;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private ServerSocket listener;

  private FaultProxy(int port, int target) {
    this.port = port;
    this.target = target;
  }

  static FaultProxy to(int target, int port) {
    FaultProxy proxy = new FaultProxy(port, target);
    proxy.up();
    return proxy;
  }

  int port() {
    return port;
  }

  synchronized void up() {
    if (listener != null) {
      return;
    }
    try {
      ServerSocket socket = new ServerSocket();
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      listener = socket;
    } catch (IOException e) {
      throw new IllegalStateException("cannot listen on " + port, e);
    }
    ServerSocket accepting = listener;
    Thread.ofVirtual().name("proxy-" + port).start(() -> accept(accepting));
  }

  synchronized void down() {
    if (listener == null) {
      return;
    }
    closeQuietly(listener);
    listener = null;
    open.forEach(FaultProxy::closeQuietly);
    open.clear();
  }

  private void accept(ServerSocket accepting) {
    while (!accepting.isClosed()) {
      try {
        Socket client = accepting.accept();
        Socket server;
        try {
          server = new Socket(InetAddress.getLoopbackAddress(), target);
        } catch (IOException refused) {
          closeQuietly(client); // the target is down too: the caller sees a cut connection
          continue;
        }
        open.add(client);
        open.add(server);
        Thread.ofVirtual().start(() -> pipe(client, server));
        Thread.ofVirtual().start(() -> pipe(server, client));
      } catch (IOException e) {
        // the listener was closed: the proxy is down
      }
    }
  }

  private void pipe(Socket from, Socket to) {
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      in.transferTo(out);
    } catch (IOException e) {
      // one side closed
    } finally {
      closeQuietly(from);
      closeQuietly(to);
      open.remove(from);
      open.remove(to);
    }
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception ignored) {
      // already closed
    }
  }

  @Override
  public void close() {
    down();
  }
}
