package dev.sidescope.bench;

import dev.sidescope.collectors.xray.daemon.DaemonTraffic;
import dev.sidescope.collectors.xray.daemon.XRayDaemonSettings;
import dev.sidescope.collectors.xray.daemon.XRayDaemonSource;
import dev.sidescope.topology.model.OverlayData;
import dev.sidescope.topology.model.OverlayKeys;
import dev.sidescope.topology.model.SourceStatus;
import dev.sidescope.topology.source.OverlaySink;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code sidescope bench xray-daemon}: how fast the local X-Ray daemon port takes segments with
 * percentiles kept per call (goal: 50,000 a second), and whether it loses any at 20,000 a second
 * over real UDP on loopback (count sent against counted). The datagrams are two segments per trace,
 * a service calling another (remote) and DynamoDB (aws), about 700 bytes each, across 20 services.
 */
final class XRayDaemonBench {
  private static final int SERVICES = 20;

  private XRayDaemonBench() {}

  /**
   * Measures and prints.
   *
   * @param segments how many segments each timed ingest round takes
   * @param udpRate segments a second sent over UDP; 0 skips the UDP part
   * @param udpSeconds for how long
   */
  static void run(PrintWriter out, int segments, int udpRate, int udpSeconds) throws Exception {
    List<byte[]> datagrams = datagrams(50_000);
    int bytes = datagrams.stream().mapToInt(b -> b.length).sum();
    out.printf(
        Locale.ROOT,
        "%,d distinct datagrams of %,d bytes on average%n",
        datagrams.size(),
        bytes / datagrams.size());
    ingest(out, datagrams, segments);
    if (udpRate > 0) {
      udp(out, datagrams, udpRate, udpSeconds);
    }
    out.flush();
  }

  /** Trace k: service a's segment calling b (remote) and DynamoDB (aws); b's segment under it. */
  static List<byte[]> datagrams(int count) {
    List<byte[]> out = new ArrayList<>(count);
    double start = System.currentTimeMillis() / 1000.0;
    for (int k = 0; out.size() < count; k++) {
      int a = k % SERVICES;
      int b = (a + 1) % SERVICES;
      String trace = String.format(Locale.ROOT, "1-%08x-%024x", (long) start, k);
      String root = String.format(Locale.ROOT, "%016x", 2L * k + 1);
      String call = String.format(Locale.ROOT, "%016x", 2L * k + 2);
      String ddb = String.format(Locale.ROOT, "%016x", (1L << 40) + k);
      String callee = String.format(Locale.ROOT, "%016x", (1L << 41) + k);
      double callMs = 5 + (k * 7919 % 200);
      int status = k % 50 == 0 ? 503 : 200;
      String remote =
          "{\"id\":\""
              + call
              + "\",\"name\":\"svc-"
              + b
              + ".internal\",\"namespace\":\"remote\","
              + "\"start_time\":"
              + s(start + 0.001)
              + ",\"end_time\":"
              + s(start + 0.001 + callMs / 1000)
              + ",\"http\":{\"request\":{\"method\":\"GET\",\"url\":\"http://svc-"
              + b
              + ".internal:8080/api/items/"
              + k
              + "\"},\"response\":{\"status\":"
              + status
              + ",\"content_length\":512}}}";
      String dynamo =
          "{\"id\":\""
              + ddb
              + "\",\"name\":\"DynamoDB\",\"namespace\":\"aws\",\"start_time\":"
              + s(start + 0.0005)
              + ",\"end_time\":"
              + s(start + 0.0005 + (k % 30 + 2) / 1000.0)
              + ",\"http\":{\"response\":{\"status\":200,\"content_length\":113}},\"aws\":{"
              + "\"operation\":\"GetItem\",\"region\":\"us-east-1\",\"request_id\":\""
              + trace
              + "\",\"retries\":0,\"table_name\":\"orders\"}}";
      out.add(
          datagram(
              "{\"name\":\"svc-"
                  + a
                  + "\",\"id\":\""
                  + root
                  + "\",\"trace_id\":\""
                  + trace
                  + "\",\"start_time\":"
                  + s(start)
                  + ",\"end_time\":"
                  + s(start + (callMs + 3) / 1000)
                  + ",\"origin\":\"AWS::ECS::Container\","
                  + "\"http\":{\"request\":{\"method\":\"GET\",\"url\":\"http://svc-"
                  + a
                  + ".internal/api\",\"client_ip\":\"10.0.1.7\",\"user_agent\":\"Java/17\"},"
                  + "\"response\":{\"status\":"
                  + (status == 503 ? 502 : 200)
                  + "}},"
                  + "\"aws\":{\"xray\":{\"sdk_version\":\"2.18.2\",\"sdk\":\"X-Ray for Java\"}},"
                  + "\"service\":{\"runtime\":\"OpenJDK 64-Bit Server VM\",\"runtime_version\":"
                  + "\"17.0.15\"},\"subsegments\":["
                  + remote
                  + ","
                  + dynamo
                  + "]}"));
      out.add(
          datagram(
              "{\"name\":\"svc-"
                  + b
                  + "\",\"id\":\""
                  + callee
                  + "\",\"trace_id\":\""
                  + trace
                  + "\",\"parent_id\":\""
                  + call
                  + "\",\"start_time\":"
                  + s(start + 0.002)
                  + ",\"end_time\":"
                  + s(start + 0.002 + (callMs - 2) / 1000)
                  + ",\"origin\":\"AWS::ECS::Container\",\"http\":{\"response\":{\"status\":"
                  + status
                  + "}},\"aws\":{\"xray\":{\"sdk\":\"X-Ray for Java\"}}}"));
    }
    return out;
  }

  private static String s(double seconds) {
    return String.format(Locale.ROOT, "%.6f", seconds);
  }

  private static byte[] datagram(String document) {
    return ("{\"format\": \"json\", \"version\": 1}\n" + document).getBytes(StandardCharsets.UTF_8);
  }

  private static void ingest(PrintWriter out, List<byte[]> datagrams, int segments) {
    for (int round = 0; round < 4; round++) {
      DaemonTraffic traffic = new DaemonTraffic(XRayDaemonSettings.builder().build());
      long since = System.currentTimeMillis();
      int n = round == 0 ? Math.min(segments, 200_000) : segments; // round 0 warms the JIT
      long t0 = System.nanoTime();
      OverlayData last = OverlayData.EMPTY;
      for (int i = 0; i < n; i++) {
        byte[] d = datagrams.get(i % datagrams.size());
        traffic.ingest(d, d.length, System.currentTimeMillis());
        if (i % 50_000 == 49_999) {
          last = traffic.overlay(System.currentTimeMillis(), since); // a publish a second at 50k/s
        }
      }
      long ns = System.nanoTime() - t0;
      // What the window holds at the end of the round, whatever its length.
      last = traffic.overlay(System.currentTimeMillis(), since);
      out.printf(
          Locale.ROOT,
          "ingest round %d%s: %,d segments in %.2f s = %,.0f segments/s (%d services, %d calls"
              + " published)%n",
          round,
          round == 0 ? " (warm-up)" : "",
          n,
          ns / 1e9,
          n / (ns / 1e9),
          last.all(OverlayKeys.TRACED_SERVICES).size(),
          last.all(OverlayKeys.TRACED_CALLS).size());
    }
  }

  private static void udp(PrintWriter out, List<byte[]> datagrams, int perSecond, int seconds)
      throws Exception {
    LatestStatus sink = new LatestStatus();
    try (XRayDaemonSource source =
            new XRayDaemonSource(
                XRayDaemonSettings.builder().listen(new InetSocketAddress("127.0.0.1", 0)).build(),
                sink);
        DatagramChannel channel = DatagramChannel.open()) {
      source.start();
      InetSocketAddress to = source.localAddress().get(10, TimeUnit.SECONDS);
      int total = perSecond * seconds;
      long period = 1_000_000_000L / perSecond;
      long t0 = System.nanoTime();
      for (int i = 0; i < total; i++) {
        long due = t0 + i * period;
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
          if (wait > 200_000) {
            LockSupport.parkNanos(wait - 100_000);
          } else {
            Thread.onSpinWait();
          }
        }
        channel.send(ByteBuffer.wrap(datagrams.get(i % datagrams.size())), to);
      }
      double sendSeconds = (System.nanoTime() - t0) / 1e9;
      long counted = -1;
      long dropped = -1;
      long seen = -2;
      for (int quiet = 0; quiet < 3; ) {
        Thread.sleep(1_000); // a measurement, not a test: wait for the counts to settle
        long[] c = sink.counts();
        counted = c[0];
        dropped = c[1];
        quiet = counted == seen ? quiet + 1 : 0;
        seen = counted;
      }
      out.printf(
          Locale.ROOT,
          "UDP at %,d/s for %.2f s: sent %,d, counted %,d, dropped %,d, lost %,d%n  status: %s%n",
          perSecond,
          sendSeconds,
          total,
          counted,
          dropped,
          total - counted - dropped,
          sink.latest == null
              ? "none"
              : sink.latest.message().orElse(sink.latest.status().wireName()));
    }
  }

  private static final class LatestStatus implements OverlaySink {
    private static final Pattern COUNTS =
        Pattern.compile("([\\d,]+) segments? in the last .*dropped ([\\d,]+)");
    volatile SourceStatus latest;

    @Override
    public void publish(String sourceId, OverlayData measurements) {}

    @Override
    public void publishStatus(SourceStatus status) {
      latest = status;
    }

    @Override
    public void withdraw(String sourceId) {}

    long[] counts() {
      SourceStatus s = latest;
      Matcher m = COUNTS.matcher(s == null ? "" : s.message().orElse(""));
      return m.find()
          ? new long[] {
            Long.parseLong(m.group(1).replace(",", "")), Long.parseLong(m.group(2).replace(",", ""))
          }
          : new long[] {0, 0};
    }
  }
}
