package dev.sidescope.collectors.kubernetes;

import java.io.Closeable;
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
 * cuts the client's side of the open ones, as an API server going away does; starting it again on
 * the same port is the server coming back, with its state intact behind it.
 *
 * <p>The server's side of a cut connection is left open and drained until the mock closes it: the
 * mock blocks its event loop when a WebSocket fails under it (or when a client closes one), which
 * would stall the "restarted" server for tens of seconds.
 */
final class TcpRelay implements AutoCloseable {
  private final int port;
  private final int target;
  private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
  private ServerSocket listener;

  /** One relayed connection; once severed, nothing more reaches either side. */
  private static final class Connection {
    final Socket client;
    final Socket upstream;
    volatile boolean severed;

    Connection(Socket client, Socket upstream) {
      this.client = client;
      this.upstream = upstream;
    }
  }

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

  /** Refuses new connections and cuts the client's side of the open ones. */
  synchronized void stop() {
    if (listener == null) {
      return;
    }
    closeQuietly(listener);
    listener = null;
    for (Connection c : connections) {
      c.severed = true;
      closeQuietly(c.client);
    }
  }

  /** Stops, and closes the server's side of every connection too. */
  @Override
  public synchronized void close() {
    stop();
    connections.forEach(c -> closeQuietly(c.upstream));
    connections.clear();
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
        Connection c =
            new Connection(client, new Socket(InetAddress.getByName("127.0.0.1"), target));
        connections.add(c);
        pump(c, c.client, c.upstream);
        pump(c, c.upstream, c.client);
      } catch (IOException e) {
        closeQuietly(client);
      }
    }
  }

  private void pump(Connection c, Socket from, Socket to) {
    Thread t =
        new Thread(
            () -> {
              byte[] buffer = new byte[16 * 1024];
              try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buffer)) >= 0) {
                  if (c.severed) {
                    continue; // drain what the server still sends
                  }
                  try {
                    out.write(buffer, 0, n);
                    out.flush();
                  } catch (IOException writeFailed) {
                    if (!c.severed) {
                      break;
                    }
                  }
                }
              } catch (IOException cut) {
                // One side went away.
              }
              if (!c.severed) {
                closeQuietly(c.client);
                closeQuietly(c.upstream);
                connections.remove(c);
              } else if (from == c.upstream) {
                connections.remove(c);
              }
            },
            "relay-pump-" + port);
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(Closeable c) {
    try {
      c.close();
    } catch (IOException ignored) {
      // Already closed.
    }
  }
}
