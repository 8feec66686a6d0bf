package dev.sidescope.collectors.xray.daemon;

import dev.sidescope.testing.RepositoryFolders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Locale;

/** Datagrams as the X-Ray SDKs send them, and a socket to send them with. */
final class Datagrams implements AutoCloseable {
  static final String HEADER = "{\"format\": \"json\", \"version\": 1}\n";

  private final DatagramChannel out;
  private final InetSocketAddress to;

  Datagrams(InetSocketAddress to) throws IOException {
    this.out = DatagramChannel.open();
    this.to = to;
  }

  void send(byte[] datagram) throws IOException {
    out.send(ByteBuffer.wrap(datagram), to);
  }

  void send(String datagram) throws IOException {
    send(datagram.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() throws IOException {
    out.close();
  }

  /** A fixture from {@code fixtures/xray}, as captured. */
  static byte[] fixture(String name) {
    try {
      return Files.readAllBytes(RepositoryFolders.fixtures().resolve("xray").resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The header line, then the document. */
  static String datagram(String document) {
    return HEADER + document;
  }

  /**
   * A segment of {@code service}, from second 1000 for {@code ms}, with an HTTP status and, inside
   * it, the given subsegments (JSON objects, comma-separated; may be empty).
   */
  static String segment(
      String traceId,
      String id,
      String parentId,
      String service,
      double ms,
      int status,
      String origin,
      String subsegments) {
    return "{\"trace_id\":\""
        + traceId
        + "\",\"id\":\""
        + id
        + "\",\"name\":\""
        + service
        + "\""
        + (parentId == null ? "" : ",\"parent_id\":\"" + parentId + "\"")
        + (origin == null ? "" : ",\"origin\":\"" + origin + "\"")
        + ",\"start_time\":1000.0,\"end_time\":"
        + end(ms)
        + ",\"http\":{\"response\":{\"status\":"
        + status
        + "}}"
        + ",\"subsegments\":["
        + subsegments
        + "]}";
  }

  /** A remote call to {@code url}, named {@code name}, of {@code ms}. */
  static String remote(String id, String name, String url, double ms, int status) {
    return "{\"id\":\""
        + id
        + "\",\"name\":\""
        + name
        + "\",\"namespace\":\"remote\""
        + ",\"start_time\":1000.0,\"end_time\":"
        + end(ms)
        + ",\"http\":{\"request\":{\"method\":\"GET\",\"url\":\""
        + url
        + "\"},"
        + "\"response\":{\"status\":"
        + status
        + "}}}";
  }

  /** A subsegment sent on its own: {@code "type": "subsegment"}, with its trace and parent. */
  static String standalone(String traceId, String parentId, String body) {
    return "{\"type\":\"subsegment\",\"trace_id\":\""
        + traceId
        + "\",\"parent_id\":\""
        + parentId
        + "\","
        + body.substring(1);
  }

  private static String end(double ms) {
    return String.format(Locale.ROOT, "%.6f", 1000.0 + ms / 1000.0);
  }
}
