package io.notifier.bench.hanging;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A receiver that accepts connections and never answers: a TCP listener on loopback that holds
 * every connection open, never writes a byte and never closes one first. It reads and discards what
 * arrives, so that it sees the client give up (end of stream) and counts the connections held right
 * now: each is a delivery attempt in flight.
 *
 * <p>Until {@link #hold()} it forwards instead, byte for byte, to the real receiver, so that the
 * service under test can warm up on the path of a delivered notification without a restart. {@link
 * #hold()} closes the forwarded connections, so that none of the client's pooled keep-alive
 * connections still leads to the real receiver.
 */
public final class BlackHole implements AutoCloseable {

  private final ServerSocket server;
  private final InetSocketAddress forwardTo;
  private final Set<Socket> forwarded = ConcurrentHashMap.newKeySet();
  private final Set<Socket> held = ConcurrentHashMap.newKeySet();
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong endedByClient = new AtomicLong();
  private volatile boolean holding;

  private BlackHole(ServerSocket server, InetSocketAddress forwardTo) {
    this.server = server;
    this.forwardTo = forwardTo;
  }

  /**
   * Listens on 127.0.0.1:{@code port}, forwarding to {@code forwardTo} until {@link #hold()}; with
   * no {@code forwardTo}, holds from the start.
   */
  public static BlackHole listen(int port, InetSocketAddress forwardTo) throws IOException {
    ServerSocket server = new ServerSocket();
    server.setReuseAddress(true);
    // A long accept queue: a burst of connections waits to be accepted, never refused.
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 4096);
    BlackHole hole = new BlackHole(server, forwardTo);
    hole.holding = forwardTo == null;
    Thread.ofPlatform().daemon().name("black-hole-accept").start(hole::acceptLoop);
    return hole;
  }

  /** From now on every new connection is held; the forwarded ones are closed. */
  public void hold() {
    holding = true;
    forwarded.forEach(BlackHole::closeQuietly);
    forwarded.clear();
  }

  /** Connections held open right now: attempts in flight. */
  public int open() {
    return open.get();
  }

  /** Connections held since {@link #hold()}. */
  public long accepted() {
    return accepted.get();
  }

  /** Held connections that the client closed (it gave up waiting). */
  public long endedByClient() {
    return endedByClient.get();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      Socket socket;
      try {
        socket = server.accept();
      } catch (IOException closed) {
        return;
      }
      if (holding) {
        holdOpen(socket);
      } else {
        forward(socket);
      }
    }
  }

  private void holdOpen(Socket socket) {
    held.add(socket);
    open.incrementAndGet();
    accepted.incrementAndGet();
    Thread.ofVirtual()
        .name("black-hole-held")
        .start(
            () -> {
              byte[] discarded = new byte[4096];
              try {
                InputStream in = socket.getInputStream();
                while (in.read(discarded) >= 0) {
                  // read and forget: never an answer
                }
                endedByClient.incrementAndGet();
              } catch (IOException resetOrClosed) {
                // reset by the client, or closed by close() at the end
              } finally {
                held.remove(socket);
                open.decrementAndGet();
                closeQuietly(socket);
              }
            });
  }

  private void forward(Socket client) {
    Socket receiver = new Socket();
    try {
      receiver.connect(forwardTo, 2000);
    } catch (IOException e) {
      closeQuietly(client);
      closeQuietly(receiver);
      return;
    }
    forwarded.add(client);
    forwarded.add(receiver);
    Thread.ofVirtual().start(() -> pipe(client, receiver));
    Thread.ofVirtual().start(() -> pipe(receiver, client));
  }

  private void pipe(Socket from, Socket to) {
    byte[] buffer = new byte[16384];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException closed) {
      // either side went away
    } finally {
      forwarded.remove(from);
      forwarded.remove(to);
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  /** Stops listening and closes everything: only once the measurement is over. */
  @Override
  public void close() {
    closeQuietly(server);
    forwarded.forEach(BlackHole::closeQuietly);
    held.forEach(BlackHole::closeQuietly);
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception ignored) {
      // already closed
    }
  }
}
