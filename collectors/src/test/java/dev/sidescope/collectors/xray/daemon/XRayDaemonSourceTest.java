package dev.sidescope.collectors.xray.daemon;

import static dev.sidescope.collectors.xray.daemon.Datagrams.datagram;
import static dev.sidescope.collectors.xray.daemon.Datagrams.remote;
import static dev.sidescope.collectors.xray.daemon.Datagrams.segment;
import static dev.sidescope.collectors.xray.daemon.Datagrams.standalone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sidescope.collectors.testing.RecordingSink;
import dev.sidescope.topology.model.OverlayData;
import dev.sidescope.topology.model.OverlayKeys;
import dev.sidescope.topology.model.SourceState;
import dev.sidescope.topology.model.SourceStatus;
import dev.sidescope.topology.model.traffic.CallStats;
import dev.sidescope.topology.model.traffic.TracedCall;
import dev.sidescope.topology.model.traffic.TracedService;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class XRayDaemonSourceTest {
  private static final String TRACE = "1-5f2aebcc-b475d14618c51eaa28753d37";

  private final RecordingSink sink = new RecordingSink();
  private XRayDaemonSource source;
  private Datagrams datagrams;

  private Datagrams listen(XRayDaemonSettings.Builder settings) throws Exception {
    source =
        new XRayDaemonSource(
            settings
                .listen(new InetSocketAddress("127.0.0.1", 0))
                .publishInterval(Duration.ofMillis(50))
                .build(),
            sink);
    source.start();
    InetSocketAddress at = source.localAddress().get(10, TimeUnit.SECONDS);
    datagrams = new Datagrams(at);
    return datagrams;
  }

  private Datagrams listen() throws Exception {
    return listen(XRayDaemonSettings.builder());
  }

  @AfterEach
  void close() throws IOException {
    if (source != null) {
      source.close();
    }
    if (datagrams != null) {
      datagrams.close();
    }
  }

  private static Optional<TracedService> service(OverlayData o, String name) {
    return o.get(name, OverlayKeys.TRACED_SERVICES);
  }

  private static Optional<TracedCall> call(OverlayData o, String caller, String callee) {
    return o.get(TracedCall.subject(caller, callee), OverlayKeys.TRACED_CALLS);
  }

  @Test
  void theGoServerSampleIsOneOkRequestOfItsService() throws Exception {
    listen().send(Datagrams.fixture("udp_segment_go_server.txt"));

    OverlayData o = sink.awaitOverlay("SampleServer", d -> service(d, "SampleServer").isPresent());
    CallStats stats = service(o, "SampleServer").orElseThrow().stats();
    assertThat(stats.requests()).isEqualTo(1);
    assertThat(stats.ok()).isEqualTo(1);
    assertThat(stats.errors() + stats.faults()).isZero();
    // 1596648396.6401389 - 1596648396.6399446 = 0.1943 ms
    assertThat(stats.p50Ms().orElseThrow()).isCloseTo(0.194, within(0.005));
    assertThat(o.all(OverlayKeys.TRACED_CALLS)).isEmpty();
  }

  @Test
  void theGoDynamoDbSampleIsAFaultedServiceAndTwoDynamoDbCallsOneFaulted() throws Exception {
    listen().send(Datagrams.fixture("udp_segment_go_dynamodb_fault.txt"));

    OverlayData o =
        sink.awaitOverlay("DDB -> dynamodb", d -> call(d, "DDB", "dynamodb").isPresent());
    CallStats service = service(o, "DDB").orElseThrow().stats();
    assertThat(service.requests()).isEqualTo(1);
    assertThat(service.faults()).isEqualTo(1);
    TracedCall ddb = call(o, "DDB", "dynamodb").orElseThrow();
    assertThat(ddb.calleeType()).contains("AWS::dynamodb");
    assertThat(ddb.stats().requests()).isEqualTo(2);
    assertThat(ddb.stats().ok()).isEqualTo(1); // DescribeTable, 200
    assertThat(ddb.stats().faults()).isEqualTo(1); // PutItem, 400 marked as a fault by the SDK
    assertThat(ddb.stats().errors()).isZero();
    // Only the aws-namespace subsegments are calls: marshal, attempt, connect... are not.
    assertThat(o.all(OverlayKeys.TRACED_CALLS)).hasSize(1);
  }

  @Test
  void statusIsConnectingThenLiveWithTheCountOfSegments() throws Exception {
    listen().send(Datagrams.fixture("udp_segment_go_server.txt"));

    sink.awaitStatus("connecting", s -> s.status() == SourceState.CONNECTING);
    SourceStatus live =
        sink.awaitStatus(
            "one segment",
            s -> s.status() == SourceState.LIVE && s.message().orElse("").startsWith("1 segment "));
    assertThat(live.id()).isEqualTo(source.id());
    assertThat(live.message())
        .contains(
            "1 segment in the last 5 min; skipped 0 malformed, 0 over 64 KB, 0 without a header;"
                + " dropped 0");
  }

  @Test
  void theSourceIdNamesTheAddressAsConfigured() {
    XRayDaemonSource s =
        new XRayDaemonSource(
            XRayDaemonSettings.builder().listen(new InetSocketAddress("127.0.0.1", 2000)).build(),
            sink);
    assertThat(s.id()).isEqualTo("xray-daemon/127.0.0.1:2000");
    assertThat(new XRayDaemonSource(XRayDaemonSettings.builder().build(), sink).id())
        .isEqualTo("xray-daemon/127.0.0.1:2000");
  }

  @Test
  void aRemoteCallIsNamedAfterItsHostUntilTheCalleesSegmentArrives() throws Exception {
    Datagrams d = listen();
    d.send(
        datagram(
            segment(
                TRACE,
                "aaaaaaaaaaaaaaa1",
                null,
                "order-service",
                30,
                200,
                null,
                remote(
                    "bbbbbbbbbbbbbbb1",
                    "payments.internal",
                    "http://payments.internal:8080/pay",
                    20,
                    200))));
    OverlayData before =
        sink.awaitOverlay(
            "the call by host", o -> call(o, "order-service", "payments.internal").isPresent());
    TracedCall byHost = call(before, "order-service", "payments.internal").orElseThrow();
    assertThat(byHost.host()).contains("payments.internal");
    assertThat(byHost.calleeType()).contains("remote");

    d.send(
        datagram(
            segment(
                TRACE,
                "ccccccccccccccc1",
                "bbbbbbbbbbbbbbb1",
                "payment-service",
                15,
                200,
                "AWS::ECS::Container",
                "")));
    OverlayData after =
        sink.awaitOverlay(
            "the call by service", o -> call(o, "order-service", "payment-service").isPresent());
    TracedCall named = call(after, "order-service", "payment-service").orElseThrow();
    assertThat(named.calleeType()).contains("AWS::ECS::Container");
    assertThat(named.host()).contains("payments.internal");
    assertThat(named.stats().requests()).isEqualTo(1);
    assertThat(call(after, "order-service", "payments.internal")).isEmpty();
    assertThat(service(after, "payment-service").orElseThrow().type())
        .contains("AWS::ECS::Container");
  }

  @Test
  void theCalleesSegmentArrivingFirstStillNamesTheCall() throws Exception {
    Datagrams d = listen();
    // The callee ends first and sends first: its parent, the caller's subsegment, is not known yet.
    d.send(
        datagram(
            segment(
                TRACE,
                "ccccccccccccccc2",
                "bbbbbbbbbbbbbbb2",
                "payment-service",
                15,
                200,
                null,
                "")));
    sink.awaitOverlay("the callee", o -> service(o, "payment-service").isPresent());
    d.send(
        datagram(
            segment(
                TRACE,
                "aaaaaaaaaaaaaaa2",
                null,
                "order-service",
                30,
                200,
                null,
                remote("bbbbbbbbbbbbbbb2", "10.0.3.7", "http://10.0.3.7/pay", 20, 503))));

    OverlayData o =
        sink.awaitOverlay("the call", x -> call(x, "order-service", "payment-service").isPresent());
    TracedCall named = call(o, "order-service", "payment-service").orElseThrow();
    assertThat(named.stats().faults()).isEqualTo(1);
    assertThat(named.host()).contains("10.0.3.7");
    assertThat(call(o, "order-service", "10.0.3.7")).isEmpty();
  }

  @Test
  void aStandaloneSubsegmentCountsForTheServiceOfItsParentOnceThatIsKnown() throws Exception {
    Datagrams d = listen();
    // Sent before its segment, as the Java SDK streams finished subsegments of a long segment.
    d.send(
        datagram(
            standalone(
                TRACE,
                "ddddddddddddddd3",
                remote("eeeeeeeeeeeeeee3", "inventory", "http://inventory/items", 12, 429))));
    d.send(
        datagram(
            segment(
                TRACE,
                "aaaaaaaaaaaaaaa3",
                null,
                "order-service",
                40,
                200,
                null,
                "{\"id\":\"ddddddddddddddd3\",\"name\":\"handler\",\"start_time\":1000.0,\"end_time\":1000.03}")));

    OverlayData o =
        sink.awaitOverlay("the call", x -> call(x, "order-service", "inventory").isPresent());
    CallStats stats = call(o, "order-service", "inventory").orElseThrow().stats();
    assertThat(stats.requests()).isEqualTo(1);
    assertThat(stats.errors()).isEqualTo(1);
    assertThat(stats.throttles()).isEqualTo(1);

    // And one whose parent is already known counts at once.
    d.send(
        datagram(
            standalone(
                TRACE,
                "aaaaaaaaaaaaaaa3",
                remote("fffffffffffffff3", "inventory", "http://inventory/items", 8, 200))));
    sink.awaitOverlay(
        "the second call",
        x ->
            call(x, "order-service", "inventory")
                .map(c -> c.stats().requests() == 2)
                .orElse(false));
  }
}
