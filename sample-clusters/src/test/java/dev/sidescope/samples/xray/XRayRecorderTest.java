package dev.sidescope.samples.xray;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.samples.folder.BuiltInSamples;
import dev.sidescope.samples.folder.SampleClusterFolder;
import dev.sidescope.samples.folder.TrafficFlow;
import dev.sidescope.samples.traffic.SimulatedRequest;
import dev.sidescope.samples.traffic.TrafficSimulator;
import dev.sidescope.topology.model.traffic.TimePoint;
import dev.sidescope.topology.model.traffic.TraceSubject;
import dev.sidescope.topology.model.traffic.TracedCall;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the recorder keeps of a sample's traffic, and how little. */
class XRayRecorderTest {
  private static final Instant ORIGIN = Instant.parse("2026-11-26T10:00:00Z");
  private static final TrafficFlow SLOW_TRICKLE =
      new TrafficFlow("checkout", "ledger", 2, 40, 90, 300, 0.1);

  @Test
  void keepsAnHourOfMinutesAndTheLastTracesOnly() {
    XRayRecorder recorder = new XRayRecorder(new SegmentRenderer(WorkloadOrigins.byName()), 300);
    TrafficSimulator simulator = new TrafficSimulator(List.of(SLOW_TRICKLE), 3, ORIGIN);
    List<SimulatedRequest> heard = new ArrayList<>();
    simulator.addListener(recorder);
    simulator.addListener(heard::add);

    simulator.advanceTo(ORIGIN.plus(Duration.ofMinutes(75)));

    Instant newest = recorder.newestMinuteEnd().orElseThrow();
    assertThat(newest).isEqualTo(ORIGIN.plus(Duration.ofMinutes(75)));
    assertThat(recorder.oldestMinute().orElseThrow())
        .isEqualTo(newest.minus(XRayRecorder.RETENTION));
    assertThat(recorder.requests()).isEqualTo(heard.size());
    List<RecordedTrace> kept = recorder.traces(ORIGIN, newest);
    assertThat(kept).hasSize(300);
    assertThat(kept.get(0).id()).isEqualTo(heard.get(heard.size() - 1).traceId());
    assertThat(recorder.trace(heard.get(0).traceId())).isEmpty();
    assertThat(recorder.trace(heard.get(heard.size() - 1).traceId())).isPresent();
    // The first minutes are gone from the graph: only the kept hour counts.
    long lastHour =
        heard.stream().filter(r -> !r.start().isBefore(newest.minus(Duration.ofHours(1)))).count();
    TracedCall call = recorder.graph(ORIGIN, newest).calls().get(0);
    assertThat(call.stats().requests()).isEqualTo(lastHour);
  }

  @Test
  void theTimeSeriesAddsUpToTheGraph() {
    XRayRecorder recorder = new XRayRecorder(new SegmentRenderer(WorkloadOrigins.byName()));
    TrafficSimulator simulator = new TrafficSimulator(List.of(SLOW_TRICKLE), 4, ORIGIN);
    simulator.addListener(recorder);
    simulator.advanceTo(ORIGIN.plus(Duration.ofMinutes(5)));
    Instant end = ORIGIN.plus(Duration.ofMinutes(5));

    List<TimePoint> series =
        recorder.timeSeries(
            TraceSubject.call("checkout", "ledger"), ORIGIN, end, Duration.ofMinutes(1));
    List<TimePoint> ledger =
        recorder.timeSeries(TraceSubject.service("ledger"), ORIGIN, end, Duration.ofMinutes(5));

    assertThat(series).extracting(TimePoint::start).startsWith(ORIGIN).hasSize(5);
    long total = series.stream().mapToLong(p -> p.stats().requests()).sum();
    assertThat(total).isEqualTo(recorder.graph(ORIGIN, end).calls().get(0).stats().requests());
    assertThat(ledger).hasSize(1);
    assertThat(ledger.get(0).stats().requests()).isEqualTo(total);
    assertThat(ledger.get(0).stats().faults()).isPositive();
  }

  @Test
  void theBrokenSampleHasOneSlowUpstreamAndAnotherFailingOne() throws Exception {
    List<TrafficFlow> flows =
        SampleClusterFolder.read(BuiltInSamples.folder("broken").orElseThrow()).traffic();
    XRayRecorder recorder = new XRayRecorder(new SegmentRenderer(WorkloadOrigins.byName()));
    TrafficSimulator simulator = new TrafficSimulator(flows, 11, ORIGIN);
    simulator.addListener(recorder);
    Instant end = ORIGIN.plus(Duration.ofMinutes(10));
    simulator.advanceTo(end);

    List<TracedCall> calls = recorder.graph(ORIGIN, end).calls();
    TracedCall slowest =
        calls.stream()
            .max(Comparator.comparingDouble(c -> c.stats().p99Ms().orElse(0)))
            .orElseThrow();
    TracedCall failing =
        calls.stream()
            .max(Comparator.comparingDouble(c -> c.stats().errorRate().orElse(0)))
            .orElseThrow();

    assertThat(slowest.subject()).isNotEqualTo(failing.subject());
    assertThat(slowest.stats().p99Ms().orElseThrow()).isGreaterThan(500);
    assertThat(slowest.stats().errorRate().orElseThrow()).isLessThan(0.02);
    assertThat(failing.stats().errorRate().orElseThrow()).isGreaterThan(0.15);
    assertThat(failing.stats().p99Ms().orElseThrow()).isLessThan(300);
  }
}
