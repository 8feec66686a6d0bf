package dev.sidescope.views.testing;

import dev.sidescope.testing.SeedSample;
import dev.sidescope.topology.model.OverlayData;
import dev.sidescope.topology.model.OverlayKeys;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.topology.model.traffic.CallStats;
import dev.sidescope.topology.model.traffic.ResponseTimeBucket;
import dev.sidescope.topology.model.traffic.TimePoint;
import dev.sidescope.topology.model.traffic.Trace;
import dev.sidescope.topology.model.traffic.TraceSpan;
import dev.sidescope.topology.model.traffic.TraceSubject;
import dev.sidescope.topology.model.traffic.TraceSummary;
import dev.sidescope.topology.model.traffic.TracedCall;
import dev.sidescope.topology.model.traffic.TracedService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The seed with what tracing would say of it: order-service (both pods and the ECS task) and
 * payment-service are traced; order-service calls payment-service and DynamoDB, and an api-gateway
 * calls order-service. Also canned time series, trace lists and one trace for {@link CannedTraces}.
 */
public final class TracedSeed {
  private TracedSeed() {}

  public static final String ORDER = "order-service";
  public static final String PAYMENT = "payment-service";
  public static final Duration WINDOW = Duration.ofMinutes(5);
  public static final String SLOW_TRACE = "1-6757e988-bd862e3fe1be46a994272793";
  public static final String FAILED_TRACE = "1-6757e990-0aa2c1d4e5f60718293a4b5c";

  /**
   * {@code seed} with TRACED_NAME, TRACED_SERVICES and TRACED_CALLS, as the appender writes them.
   */
  public static TopologySnapshot traced(TopologySnapshot seed) {
    return traced(seed, 0);
  }

  /** The same, with {@code more} requests added to order-service's, as a later snapshot brings. */
  public static TopologySnapshot traced(TopologySnapshot seed, long more) {
    OverlayData.Builder b = OverlayData.builder().putAll(seed.overlays());
    for (String id :
        List.of(
            SeedSample.ORDER_POD,
            SeedSample.ORDER_APP,
            SeedSample.ORDER_POD_2,
            SeedSample.ORDER_POD_2 + "/order-service")) {
      b.put(id, OverlayKeys.TRACED_NAME, ORDER);
    }
    b.put(SeedSample.PAYMENT_POD, OverlayKeys.TRACED_NAME, PAYMENT);
    b.put(
        ORDER,
        OverlayKeys.TRACED_SERVICES,
        new TracedService(ORDER, Optional.empty(), order(more)));
    b.put(
        PAYMENT,
        OverlayKeys.TRACED_SERVICES,
        new TracedService(PAYMENT, Optional.empty(), payment()));
    call(b, "api-gateway", ORDER, order(more));
    call(b, ORDER, PAYMENT, payment());
    call(
        b,
        ORDER,
        "DynamoDB",
        CallStats.fromHistogram(
            880,
            0,
            0,
            0,
            880 * 9.0,
            WINDOW,
            List.of(bucket(6, 500), bucket(9, 300), bucket(24, 80))));
    return new TopologySnapshot(
        seed.takenAt(),
        seed.grouping(),
        seed.sources(),
        seed.workloads(),
        seed.nodes(),
        seed.edges(),
        seed.findings(),
        b.build());
  }

  private static void call(OverlayData.Builder b, String from, String to, CallStats stats) {
    TracedCall c = new TracedCall(from, to, Optional.empty(), Optional.empty(), stats);
    b.put(c.subject(), OverlayKeys.TRACED_CALLS, c);
  }

  private static ResponseTimeBucket bucket(double ms, long count) {
    return new ResponseTimeBucket(ms, count);
  }

  /** order-service: 1,240 requests (+ more) with a long tail, some errors and faults. */
  public static CallStats order(long more) {
    List<ResponseTimeBucket> bars = new ArrayList<>();
    long[] counts = {40, 160, 310 + more, 280, 190, 110, 60, 35, 20, 12, 8, 5, 4, 3, 2, 1};
    double ms = 12;
    for (long c : counts) {
      bars.add(bucket(Math.round(ms), c));
      ms *= 1.32;
    }
    long total = 0;
    for (long c : counts) {
      total += c;
    }
    return CallStats.fromHistogram(total - 21, 14, 7, 3, total * 48.0, WINDOW, bars);
  }

  private static CallStats payment() {
    return CallStats.fromHistogram(
        402,
        0,
        9,
        0,
        411 * 85.0,
        WINDOW,
        List.of(
            bucket(40, 60),
            bucket(60, 150),
            bucket(90, 120),
            bucket(140, 50),
            bucket(300, 20),
            bucket(1200, 11)));
  }

  /** Thirty one-minute periods ending at {@code now}, p99 climbing towards the end. */
  public static List<TimePoint> series(Instant now) {
    List<TimePoint> out = new ArrayList<>();
    Instant start = now.minus(Duration.ofMinutes(30));
    for (int i = 0; i < 30; i++) {
      double p99 = 160 + 8 * Math.sin(i / 3.0) + (i > 22 ? (i - 22) * 45 : 0);
      long requests = 240 + (long) (40 * Math.cos(i / 4.0));
      CallStats s =
          new CallStats(
              requests,
              requests - 3,
              2,
              1,
              0,
              requests * 45.0,
              Duration.ofMinutes(1),
              java.util.OptionalDouble.of(40),
              java.util.OptionalDouble.of(95),
              java.util.OptionalDouble.of(p99),
              List.of());
      out.add(new TimePoint(start.plus(Duration.ofMinutes(i)), Duration.ofMinutes(1), s));
    }
    return out;
  }

  public static List<TraceSummary> slowest(Instant now) {
    List<TraceSummary> out = new ArrayList<>();
    out.add(summary(SLOW_TRACE, now.minusSeconds(40), 1890, 200, false, false, false));
    out.add(summary(FAILED_TRACE, now.minusSeconds(95), 1420, 503, true, false, false));
    for (int i = 0; i < 6; i++) {
      out.add(
          summary(
              String.format("1-6757e9%02x-%024x", i, i * 7919L),
              now.minusSeconds(120 + i * 31),
              980 - i * 90,
              200,
              false,
              false,
              false));
    }
    return out;
  }

  public static List<TraceSummary> failed(Instant now) {
    return List.of(
        summary(FAILED_TRACE, now.minusSeconds(95), 1420, 503, true, false, false),
        summary(
            "1-6757e991-11aa22bb33cc44dd55ee66ff",
            now.minusSeconds(130),
            210,
            429,
            false,
            true,
            true),
        summary(
            "1-6757e992-77aa22bb33cc44dd55ee66ff",
            now.minusSeconds(170),
            95,
            404,
            false,
            true,
            false));
  }

  private static TraceSummary summary(
      String id,
      Instant start,
      long ms,
      int status,
      boolean fault,
      boolean error,
      boolean throttle) {
    return new TraceSummary(
        id,
        start,
        Duration.ofMillis(ms),
        Optional.of("api-gateway"),
        OptionalInt.of(status),
        fault,
        error,
        throttle);
  }

  /**
   * A trace of 1,420 ms: api-gateway → order-service (DynamoDB, then payment-service, which faults
   * with a 503 after its database call), one span still running.
   */
  public static Trace trace(String id, Instant start) {
    List<TraceSpan> spans = new ArrayList<>();
    spans.add(
        span(
            "a000000000000001",
            null,
            "api-gateway",
            true,
            null,
            start,
            0,
            1420,
            0,
            503,
            true,
            false,
            false,
            Map.of()));
    spans.add(
        span(
            "a000000000000002",
            "a000000000000001",
            ORDER,
            true,
            null,
            start,
            12,
            1400,
            1,
            503,
            true,
            false,
            false,
            Map.of("order_id", "o-1842", "customer_tier", "gold")));
    spans.add(
        span(
            "a000000000000003",
            "a000000000000002",
            "DynamoDB",
            false,
            "aws",
            start,
            20,
            58,
            2,
            200,
            false,
            false,
            false,
            Map.of("table", "orders", "operation", "GetItem")));
    spans.add(
        span(
            "a000000000000004",
            "a000000000000002",
            PAYMENT,
            false,
            "remote",
            start,
            60,
            1390,
            2,
            503,
            true,
            false,
            false,
            Map.of()));
    spans.add(
        span(
            "a000000000000005",
            "a000000000000004",
            PAYMENT,
            true,
            null,
            start,
            66,
            1385,
            3,
            503,
            true,
            false,
            false,
            Map.of("gateway", "stripe")));
    spans.add(
        span(
            "a000000000000006",
            "a000000000000005",
            "payments-db.internal",
            false,
            "remote",
            start,
            80,
            1370,
            4,
            -1,
            true,
            false,
            false,
            Map.of("sql", "SELECT … FROM payments WHERE id = ?")));
    spans.add(
        span(
            "a000000000000007",
            "a000000000000002",
            "audit-log",
            false,
            "remote",
            start,
            1402,
            -1,
            2,
            -1,
            false,
            false,
            false,
            Map.of()));
    return new Trace(id, Duration.ofMillis(1420), spans);
  }

  private static TraceSpan span(
      String id,
      String parent,
      String name,
      boolean segment,
      String namespace,
      Instant origin,
      long fromMs,
      long toMs,
      int depth,
      int status,
      boolean fault,
      boolean error,
      boolean throttle,
      Map<String, String> annotations) {
    return new TraceSpan(
        id,
        Optional.ofNullable(parent),
        name,
        segment,
        Optional.ofNullable(namespace),
        origin.plusMillis(fromMs),
        toMs < 0 ? Optional.empty() : Optional.of(origin.plusMillis(toMs)),
        depth,
        status < 0 ? OptionalInt.empty() : OptionalInt.of(status),
        fault,
        error,
        throttle,
        annotations);
  }

  /** Canned answers for all of the above around {@code now}. */
  public static CannedTraces queries(Instant now) {
    return new CannedTraces()
        .series(s -> series(now))
        .slowest(s -> slowest(now))
        .failed(s -> failed(now))
        .traces(id -> Optional.of(trace(id, now.minusSeconds(95))));
  }

  /** The subject of order-service. */
  public static TraceSubject orderService() {
    return TraceSubject.service(ORDER);
  }
}
