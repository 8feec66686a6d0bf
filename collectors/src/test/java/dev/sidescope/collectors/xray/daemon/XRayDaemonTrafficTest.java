package dev.sidescope.collectors.xray.daemon;

import static dev.sidescope.collectors.xray.daemon.Datagrams.datagram;
import static dev.sidescope.collectors.xray.daemon.Datagrams.remote;
import static dev.sidescope.collectors.xray.daemon.Datagrams.segment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sidescope.topology.model.OverlayData;
import dev.sidescope.topology.model.OverlayKeys;
import dev.sidescope.topology.model.traffic.CallStats;
import dev.sidescope.topology.model.traffic.ResponseTimeBucket;
import dev.sidescope.topology.model.traffic.TimePoint;
import dev.sidescope.topology.model.traffic.Trace;
import dev.sidescope.topology.model.traffic.TraceSpan;
import dev.sidescope.topology.model.traffic.TraceSubject;
import dev.sidescope.topology.model.traffic.TraceSummary;
import dev.sidescope.topology.model.traffic.TracedCall;
import dev.sidescope.topology.source.TraceQueries.TraceFilter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** {@link DaemonTraffic} driven without sockets, as a benchmark drives it. */
class XRayDaemonTrafficTest {
  private static final long T0 = 1_800_000_000_000L; // on a minute boundary
  private final DaemonTraffic traffic = new DaemonTraffic(XRayDaemonSettings.builder().build());

  private void ingest(String datagram, long atMs) {
    byte[] b = datagram.getBytes(StandardCharsets.UTF_8);
    traffic.ingest(b, b.length, atMs);
  }

  private static String trace(int i) {
    return String.format(Locale.ROOT, "1-5f2aebcc-%024x", i);
  }

  private static String id(int i) {
    return String.format(Locale.ROOT, "%016x", i);
  }

  private CallStats service(OverlayData o, String name) {
    return o.get(name, OverlayKeys.TRACED_SERVICES).orElseThrow().stats();
  }

  @Test
  void percentilesOfAKnownSetAreTheNearestRanksWithinHdrHistogramPrecision() {
    // 10 ms x5, 20 ms x3, 50 ms x2 (CallStats' worked example): p50 rank 5 -> 10 ms, p90 rank 9 ->
    // 50 ms, p99 rank 10 -> 50 ms; the mean (50 + 60 + 100) / 10 = 21 ms.
    int[] ms = {10, 10, 10, 10, 10, 20, 20, 20, 50, 50};
    for (int i = 0; i < ms.length; i++) {
      ingest(datagram(segment(trace(i), id(i), null, "svc", ms[i], 200, null, "")), T0 + i);
    }
    CallStats s = service(traffic.overlay(T0 + 10_000, T0), "svc");
    assertThat(s.requests()).isEqualTo(10);
    assertThat(s.p50Ms().orElseThrow()).isCloseTo(10, within(0.1));
    assertThat(s.p90Ms().orElseThrow()).isCloseTo(50, within(0.5));
    assertThat(s.p99Ms().orElseThrow()).isCloseTo(50, within(0.5));
    assertThat(s.meanMs().orElseThrow()).isCloseTo(21, within(0.01));
    assertThat(s.rps().orElseThrow()).isCloseTo(1.0, within(1e-9)); // 10 over 10 s listened
  }

  @Test
  void percentilesOfOneToAThousandMillisecondsAreWithinOnePercent() {
    for (int i = 1; i <= 1000; i++) {
      ingest(
          datagram(
              segment(
                  trace(i),
                  id(i),
                  null,
                  "order-service",
                  30,
                  200,
                  null,
                  remote(
                      id(100_000 + i), "payment-service", "http://payment-service/pay", i, 200))),
          T0 + i);
    }
    TracedCall call =
        traffic
            .overlay(T0 + 60_000, T0)
            .get(TracedCall.subject("order-service", "payment-service"), OverlayKeys.TRACED_CALLS)
            .orElseThrow();
    CallStats s = call.stats();
    // Nearest rank of 1..1000: p50 = 500, p90 = 900, p99 = 990.
    assertThat(s.p50Ms().orElseThrow()).isCloseTo(500, within(5.0));
    assertThat(s.p90Ms().orElseThrow()).isCloseTo(900, within(9.0));
    assertThat(s.p99Ms().orElseThrow()).isCloseTo(990, within(9.9));
    assertThat(s.histogram()).hasSizeLessThanOrEqualTo(40).hasSizeGreaterThan(10);
    assertThat(s.histogram().stream().mapToLong(ResponseTimeBucket::count).sum()).isEqualTo(1000);
    assertThat(s.histogram().get(s.histogram().size() - 1).ms()).isCloseTo(1000, within(10.0));
  }

  @Test
  void callsLeaveTheWindowAfterFiveMinutes() {
    ingest(datagram(segment(trace(1), id(1), null, "svc", 5, 200, null, "")), T0);
    ingest(datagram(segment(trace(2), id(2), null, "svc", 5, 500, null, "")), T0 + 60_000);
    assertThat(service(traffic.overlay(T0 + 299_000, T0), "svc").requests()).isEqualTo(2);
    CallStats later = service(traffic.overlay(T0 + 300_000, T0), "svc");
    assertThat(later.requests()).isEqualTo(1);
    assertThat(later.faults()).isEqualTo(1);
    assertThat(later.p50Ms().orElseThrow()).isCloseTo(5, within(0.05));
    // Covered: what the kept slices span. At a slice's very start that is the 29 whole ones
    // before it; 5 s later, 29 slices and 5 s.
    assertThat(later.covered()).isEqualTo(Duration.ofSeconds(290));
    assertThat(service(traffic.overlay(T0 + 305_000, T0), "svc").covered())
        .isEqualTo(Duration.ofSeconds(295));
    assertThat(traffic.overlay(T0 + 360_000, T0).all(OverlayKeys.TRACED_SERVICES)).isEmpty();
  }

  @Test
  void somethingIsPublishedOnlyWhenSomethingChanged() {
    long since = T0 - 600_000; // listening for ten minutes: the window is full
    ingest(datagram(segment(trace(1), id(1), null, "svc", 5, 200, null, "")), T0);
    assertThat(traffic.changedOverlay(T0 + 1_000, since)).isPresent();
    assertThat(traffic.changedOverlay(T0 + 2_000, since)).isEmpty();
    ingest(datagram(segment(trace(2), id(2), null, "svc", 5, 200, null, "")), T0 + 2_500);
    assertThat(traffic.changedOverlay(T0 + 3_000, since)).isPresent();
    assertThat(traffic.changedOverlay(T0 + 299_000, since)).isEmpty();
    assertThat(traffic.changedOverlay(T0 + 300_000, since)).isPresent(); // the first left
  }

  @Test
  void aDatagramOverSixtyFourKilobytesIsSkipped() {
    byte[] big = new byte[70_000];
    traffic.ingest(big, big.length, T0);
    assertThat(traffic.statusMessage(T0)).contains("1 over 64 KB");
    assertThat(traffic.turnedAwayRecently(T0)).isTrue();
    assertThat(traffic.turnedAwayRecently(T0 + 300_000)).isFalse();
  }

  @Test
  void theSlowestAndTheFailedTracesThroughAServiceOrACall() {
    for (int i = 1; i <= 5; i++) {
      ingest(
          datagram(
              segment(
                  trace(i),
                  id(i),
                  null,
                  "order-service",
                  10 * i,
                  i == 2 ? 502 : 200,
                  null,
                  remote(
                      id(100 + i), "payment-service", "http://payment-service/pay", 5 * i, 200))),
          T0 + i * 1_000);
    }
    ingest(datagram(segment(trace(9), id(9), null, "other", 500, 200, null, "")), T0);

    List<TraceSummary> slowest =
        traffic.traces(TraceSubject.service("order-service"), TraceFilter.SLOWEST, 3, T0 + 10_000);
    assertThat(slowest).extracting(TraceSummary::id).containsExactly(trace(5), trace(4), trace(3));
    assertThat(slowest.get(0).duration()).isEqualTo(Duration.ofMillis(50));
    assertThat(slowest.get(0).entry()).contains("order-service");

    List<TraceSummary> failed =
        traffic.traces(
            TraceSubject.call("order-service", "payment-service"),
            TraceFilter.FAILED,
            10,
            T0 + 10_000);
    assertThat(failed).extracting(TraceSummary::id).containsExactly(trace(2));
    assertThat(failed.get(0).fault()).isTrue();
    assertThat(failed.get(0).httpStatus()).hasValue(502);

    Trace whole = traffic.trace(trace(3)).orElseThrow();
    assertThat(whole.spans())
        .extracting(TraceSpan::name)
        .containsExactly("order-service", "payment-service");
    assertThat(traffic.trace(trace(77))).isEmpty();
  }

  @Test
  void aTimeSeriesHasOnePointAMinuteSinceListeningBegan() {
    long since = T0;
    ingest(datagram(segment(trace(1), id(1), null, "svc", 10, 200, null, "")), T0 + 5_000);
    ingest(datagram(segment(trace(2), id(2), null, "svc", 30, 404, null, "")), T0 + 65_000);
    ingest(datagram(segment(trace(3), id(3), null, "svc", 30, 200, null, "")), T0 + 70_000);

    List<TimePoint> points =
        traffic.timeSeries(
            TraceSubject.service("svc"), Duration.ofMinutes(30), T0 + 150_000, since);
    assertThat(points).hasSize(3);
    assertThat(points.get(0).start().toEpochMilli()).isEqualTo(T0);
    assertThat(points.get(0).stats().requests()).isEqualTo(1);
    assertThat(points.get(1).stats().requests()).isEqualTo(2);
    assertThat(points.get(1).stats().errors()).isEqualTo(1);
    assertThat(points.get(1).stats().p90Ms().orElseThrow()).isCloseTo(30, within(0.3));
    assertThat(points.get(2).stats().requests()).isZero();
    assertThat(points.get(2).stats().covered()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void aStandaloneSubsegmentWaitsAMinuteForItsParentAndNoLonger() {
    String call = remote(id(500), "inventory", "http://inventory/items", 12, 200);
    ingest(datagram(Datagrams.standalone(trace(1), id(1), call)), T0);
    ingest(datagram(Datagrams.standalone(trace(2), id(2), call.replace(id(500), id(501)))), T0);
    traffic.advance(T0 + 30_000);
    ingest(
        datagram(segment(trace(1), id(1), null, "order-service", 40, 200, null, "")), T0 + 30_000);
    traffic.advance(T0 + 61_000);
    ingest(
        datagram(segment(trace(2), id(2), null, "order-service", 40, 200, null, "")), T0 + 61_000);

    TracedCall inventory =
        traffic
            .overlay(T0 + 62_000, T0)
            .get(TracedCall.subject("order-service", "inventory"), OverlayKeys.TRACED_CALLS)
            .orElseThrow();
    assertThat(inventory.stats().requests()).isEqualTo(1); // the second waited too long
  }
}
