package dev.sidescope.collectors.xray.daemon;

import dev.sidescope.topology.model.OverlayData;
import dev.sidescope.topology.model.OverlayKeys;
import dev.sidescope.topology.model.SourceStatus;
import dev.sidescope.topology.source.OverlaySink;
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
 * A measurement, not a test: how fast {@link DaemonTraffic} takes datagrams (goal: 50,000 segments
 * a second with percentiles kept per edge), and whether the port loses any at 20,000 a second over
 * real UDP on loopback. Run from the repository root after {@code mvn -o -q -pl collectors -am
 * test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * -Dmdep.includeScope=test}:
 *
 * <pre>
 * java -cp collectors/target/test-classes:collectors/target/classes:$(cat collectors/target/cp.txt) \
 *   dev.sidescope.collectors.xray.daemon.DaemonIngestBench [ingest|udp [PER_SECOND]]
 * </pre>
 */
public final class DaemonIngestBench {
  private static final int SERVICES = 20;

  private DaemonIngestBench() {}

  public static void main(String[] args) throws Exception {
    List<byte[]> datagrams = datagrams(50_000);
    int bytes = datagrams.stream().mapToInt(b -> b.length).sum();
    System.out.printf(
        Locale.ROOT,
        "%,d datagrams of %,d bytes on average%n",
        datagrams.size(),
        bytes / datagrams.size());
    String only = args.length > 0 ? args[0] : "";
    if (!only.equals("udp")) {
      ingest(datagrams);
    }
    if (!only.equals("ingest")) {
      udp(datagrams, args.length > 1 ? Integer.parseInt(args[1]) : 20_000, 5);
    }
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
    return (Datagrams.HEADER + document).getBytes(StandardCharsets.UTF_8);
  }

  private static void ingest(List<byte[]> datagrams) {
    for (int round = 0; round < 3; round++) {
      DaemonTraffic traffic = new DaemonTraffic(XRayDaemonSettings.builder().build());
      long since = System.currentTimeMillis();
      int n = round == 0 ? 200_000 : 1_000_000; // the first round warms the JIT
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
      System.out.printf(
          Locale.ROOT,
          "ingest round %d: %,d segments in %.2f s = %,.0f segments/s (%d services, %d calls"
              + " published; %s)%n",
          round,
          n,
          ns / 1e9,
          n / (ns / 1e9),
          last.all(OverlayKeys.TRACED_SERVICES).size(),
          last.all(OverlayKeys.TRACED_CALLS).size(),
          traffic.statusMessage(System.currentTimeMillis()));
    }
  }

  private static void udp(List<byte[]> datagrams, int perSecond, int seconds) throws Exception {
    LatestStatus sink = new LatestStatus();
    try (XRayDaemonSource source =
            new XRayDaemonSource(
                XRayDaemonSettings.builder().listen(new InetSocketAddress("127.0.0.1", 0)).build(),
                sink);
        DatagramChannel out = DatagramChannel.open()) {
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
        out.send(ByteBuffer.wrap(datagrams.get(i % datagrams.size())), to);
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
      System.out.printf(
          Locale.ROOT,
          "UDP at %,d/s for %.2f s: sent %,d, counted %,d, dropped %,d, lost %,d%n  status: %s%n",
          perSecond,
          sendSeconds,
          total,
          counted,
          dropped,
          total - counted - dropped,
          sink.latest);
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
