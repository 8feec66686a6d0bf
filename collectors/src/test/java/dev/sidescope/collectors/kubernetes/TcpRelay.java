package dev.sidescope.collectors.kubernetes;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP relay in front of the mock API server: stopping it refuses new connections and
 * cuts the open ones, as an API server going away does; starting it again on the same port is the
 * server coming back, with its state intact behind it.
 */
final class TcpRelay implements AutoCloseable {
  private final int port;
  private final int target;
  private final Set<Socket> clients = ConcurrentHashMap.newKeySet();
  private final Set<Socket> upstreams = ConcurrentHashMap.newKeySet();
  private ServerSocket listener;

  TcpRelay(int port, int target) {
    this.port = port;
    this.target = target;
  }

  synchronized void start() {
    if (listener != null) {
      return;
    }
    try {
      ServerSocket socket = new ServerSocket();
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
      listener = socket;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ServerSocket accepting = listener;
    Thread acceptor = new Thread(() -> accept(accepting), "relay-accept-" + port);
    acceptor.setDaemon(true);
    acceptor.start();
  }

  synchronized void stop() {
    if (listener == null) {
      return;
    }
    closeQuietly(listener);
    listener = null;
    // The server's side first, with a reset: nothing the client sends from now on (such as a
    // WebSocket close frame) may reach the mock, whose event loop blocks on client-initiated
    // WebSocket closes.
    for (Socket upstream : upstreams) {
      try {
        upstream.setSoLinger(true, 0);
      } catch (IOException ignored) {
        // Closing anyway.
      }
      closeQuietly(upstream);
    }
    upstreams.clear();
    clients.forEach(TcpRelay::closeQuietly);
    clients.clear();
  }

  @Override
  public void close() {
    stop();
  }

  private void accept(ServerSocket accepting) {
    while (!accepting.isClosed()) {
      Socket client;
      try {
        client = accepting.accept();
      } catch (IOException closed) {
        return;
      }
      try {
        Socket upstream = new Socket(InetAddress.getByName("127.0.0.1"), target);
        clients.add(client);
        upstreams.add(upstream);
        pump(client, upstream);
        pump(upstream, client);
      } catch (IOException e) {
        closeQuietly(client);
      }
    }
  }

  private void pump(Socket from, Socket to) {
    Thread t =
        new Thread(
            () -> {
              byte[] buffer = new byte[16 * 1024];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                  out.write(buffer, 0, n);
                  out.flush();
                }
              } catch (IOException cut) {
                // One side went away: close both.
              } finally {
                closeQuietly(from);
                closeQuietly(to);
                clients.remove(from);
                clients.remove(to);
                upstreams.remove(from);
                upstreams.remove(to);
              }
            },
            "relay-pump-" + port);
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(java.io.Closeable c) {
    try {
      c.close();
    } catch (IOException ignored) {
      // Already closed.
    }
  }
}
