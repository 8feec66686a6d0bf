package dev.sidescope.collectors.xray.daemon;

import static dev.sidescope.collectors.xray.daemon.Datagrams.datagram;
import static dev.sidescope.collectors.xray.daemon.Datagrams.segment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sidescope.collectors.testing.RecordingSink;
import dev.sidescope.testing.time.ManualClock;
import dev.sidescope.topology.model.OverlayData;
import dev.sidescope.topology.model.OverlayKeys;
import dev.sidescope.topology.model.SourceState;
import dev.sidescope.topology.model.traffic.CallStats;
import dev.sidescope.topology.model.traffic.TimePoint;
import dev.sidescope.topology.model.traffic.TraceSubject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The window moves with the source's clock, not with the wall's. */
class XRayDaemonSourceWindowTest {
  private static final String TRACE = "1-5f2aebcc-b475d14618c51eaa28753d37";

  private final ManualClock clock = new ManualClock(Instant.parse("2026-12-07T21:00:00Z"));
  private final RecordingSink sink = new RecordingSink();
  private XRayDaemonSource source;
  private Datagrams datagrams;

  @AfterEach
  void close() throws IOException {
    source.close();
    datagrams.close();
  }

  private static boolean has(OverlayData o, String service) {
    return o.get(service, OverlayKeys.TRACED_SERVICES).isPresent();
  }

  @Test
  void aServiceLeavesThePictureWhenItsCallsLeaveTheWindow() throws Exception {
    source =
        new XRayDaemonSource(
            XRayDaemonSettings.builder()
                .listen(new InetSocketAddress("127.0.0.1", 0))
                .publishInterval(Duration.ofMillis(20))
                .window(Duration.ofMinutes(5))
                .clock(clock)
                .build(),
            sink);
    source.start();
    datagrams = new Datagrams(source.localAddress().get(10, TimeUnit.SECONDS));
    sink.awaitStatus("listening", s -> s.status() == SourceState.LIVE);

    clock.advance(Duration.ofSeconds(30));
    datagrams.send(
        datagram(segment(TRACE, "aaaaaaaaaaaaaaa1", null, "order-service", 20, 200, null, "")));
    OverlayData first = sink.awaitOverlay("the service", o -> has(o, "order-service"));
    CallStats stats = first.get("order-service", OverlayKeys.TRACED_SERVICES).orElseThrow().stats();
    // One call in the 30 s listened so far.
    assertThat(stats.covered()).isEqualTo(Duration.ofSeconds(30));
    assertThat(stats.rps().orElseThrow()).isCloseTo(1 / 30.0, within(1e-9));

    List<TimePoint> series =
        source
            .timeSeries(TraceSubject.service("order-service"), Duration.ofMinutes(30))
            .get(10, TimeUnit.SECONDS);
    assertThat(series).hasSize(1);
    assertThat(series.get(0).stats().requests()).isEqualTo(1);

    clock.advance(Duration.ofMinutes(4));
    sink.awaitOverlay(
        "the service still there, over 4.5 minutes",
        o ->
            o.get("order-service", OverlayKeys.TRACED_SERVICES)
                .map(s -> s.stats().covered().equals(Duration.ofSeconds(270)))
                .orElse(false));

    clock.advance(Duration.ofMinutes(1));
    OverlayData gone = sink.awaitOverlay("the service gone", o -> !has(o, "order-service"));
    assertThat(gone.all(OverlayKeys.TRACED_CALLS)).isEmpty();
    assertThat(
            sink.awaitStatus(
                    "no segments left", s -> s.message().orElse("").startsWith("0 segments"))
                .status())
        .isEqualTo(SourceState.LIVE);
  }
}
