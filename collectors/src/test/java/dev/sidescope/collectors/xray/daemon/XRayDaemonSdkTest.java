package dev.sidescope.collectors.xray.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.AWSXRayRecorderBuilder;
import com.amazonaws.xray.config.DaemonConfiguration;
import com.amazonaws.xray.emitters.Emitter;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.Subsegment;
import com.amazonaws.xray.strategy.sampling.AllSamplingStrategy;
import dev.sidescope.collectors.testing.RecordingSink;
import dev.sidescope.topology.model.OverlayData;
import dev.sidescope.topology.model.OverlayKeys;
import dev.sidescope.topology.model.traffic.CallStats;
import dev.sidescope.topology.model.traffic.TraceSubject;
import dev.sidescope.topology.model.traffic.TraceSummary;
import dev.sidescope.topology.model.traffic.TracedCall;
import dev.sidescope.topology.source.TraceQueries.TraceFilter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The real X-Ray SDK for Java sends to the port, as an app with the daemon address set would. */
class XRayDaemonSdkTest {
  private final RecordingSink sink = new RecordingSink();
  private XRayDaemonSource source;

  @AfterEach
  void close() {
    source.close();
  }

  @Test
  void theJavaSdksSegmentsBecomeTheCallWithItsCountsAndPercentiles() throws Exception {
    source =
        new XRayDaemonSource(
            XRayDaemonSettings.builder()
                .listen(new InetSocketAddress("127.0.0.1", 0))
                .publishInterval(Duration.ofMillis(50))
                .build(),
            sink);
    source.start();
    InetSocketAddress at = source.localAddress().get(10, TimeUnit.SECONDS);

    DaemonConfiguration daemon = new DaemonConfiguration();
    daemon.setDaemonAddress("127.0.0.1:" + at.getPort());
    AWSXRayRecorder recorder =
        AWSXRayRecorderBuilder.standard()
            .withEmitter(Emitter.create(daemon))
            .withSamplingStrategy(new AllSamplingStrategy())
            .build();

    // Ten calls of 10, 20, ..., 100 ms; the fifth is a 503 from payment-service.
    double t = System.currentTimeMillis() / 1000.0;
    for (int i = 1; i <= 10; i++) {
      Segment segment = recorder.beginSegment("order-service");
      segment.setStartTime(t);
      segment.putHttp("request", Map.of("method", "POST", "url", "http://order-service/orders"));
      Subsegment call = recorder.beginSubsegment("payment-service");
      call.setNamespace("remote");
      call.setStartTime(t + 0.001);
      call.putHttp("request", Map.of("method", "POST", "url", "http://payment-service/pay"));
      call.putHttp("response", Map.of("status", i == 5 ? 503 : 200));
      if (i == 5) {
        call.setFault(true);
      }
      call.setEndTime(t + 0.001 + i / 100.0);
      recorder.endSubsegment();
      segment.putHttp("response", Map.of("status", 200));
      segment.setEndTime(t + 0.002 + i / 100.0);
      recorder.endSegment();
    }

    OverlayData o =
        sink.awaitOverlay(
            "ten calls",
            d ->
                d.get(
                        TracedCall.subject("order-service", "payment-service"),
                        OverlayKeys.TRACED_CALLS)
                    .map(c -> c.stats().requests() == 10)
                    .orElse(false));
    TracedCall call =
        o.get(TracedCall.subject("order-service", "payment-service"), OverlayKeys.TRACED_CALLS)
            .orElseThrow();
    CallStats stats = call.stats();
    assertThat(call.host()).contains("payment-service");
    assertThat(stats.ok()).isEqualTo(9);
    assertThat(stats.faults()).isEqualTo(1);
    // Nearest rank of 10..100 ms: p50 rank 5 -> 50 ms, p90 rank 9 -> 90 ms, p99 rank 10 -> 100 ms.
    assertThat(stats.p50Ms().orElseThrow()).isCloseTo(50, within(0.5));
    assertThat(stats.p90Ms().orElseThrow()).isCloseTo(90, within(0.9));
    assertThat(stats.p99Ms().orElseThrow()).isCloseTo(100, within(1.0));
    assertThat(stats.meanMs().orElseThrow()).isCloseTo(55, within(0.01));
    assertThat(o.get("order-service", OverlayKeys.TRACED_SERVICES).orElseThrow().stats().requests())
        .isEqualTo(10);

    List<TraceSummary> failed =
        source
            .traces(TraceSubject.call("order-service", "payment-service"), TraceFilter.FAILED, 10)
            .get(10, TimeUnit.SECONDS);
    assertThat(failed).hasSize(1);
    assertThat(source.trace(failed.get(0).id()).get(10, TimeUnit.SECONDS).orElseThrow().spans())
        .hasSize(2);
  }
}
