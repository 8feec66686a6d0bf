package dev.sidescope.samples.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sidescope.samples.traffic.SimulatedRequest;
import dev.sidescope.samples.xray.RecordedTrace;
import dev.sidescope.samples.xray.SegmentRenderer;
import dev.sidescope.samples.xray.WorkloadOrigins;
import dev.sidescope.samples.xray.XRayRecorder;
import dev.sidescope.topology.model.traffic.TraceSubject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The filter expressions the sample endpoint understands, on four traces. */
class XRayFilterTest {
  private static final Instant T = Instant.parse("2026-11-26T10:00:00Z");
  private static List<RecordedTrace> traces;

  @BeforeAll
  static void recordFourTraces() {
    XRayRecorder recorder = new XRayRecorder(new SegmentRenderer(WorkloadOrigins.byName()));
    recorder.onRequest(request(1, "checkout", "ledger", 200, 40));
    recorder.onRequest(request(2, "checkout", "ledger", 503, 900));
    recorder.onRequest(request(3, "invoices", "ledger", 429, 10));
    recorder.onRequest(request(4, "ledger", "ledger-db.internal", 200, 700));
    traces = new java.util.ArrayList<>(recorder.traces(T, T.plusSeconds(60)));
    java.util.Collections.reverse(traces);
  }

  @Test
  void servicesEdgesAndFlagsSelectTraces() {
    assertThat(ids("service(\"ledger\")")).containsExactly(1, 2, 3, 4);
    assertThat(ids("service(\"checkout\")")).containsExactly(1, 2);
    assertThat(ids("edge(\"invoices\", \"ledger\")")).containsExactly(3);
    assertThat(ids("fault")).containsExactly(2);
    assertThat(ids("{ fault OR error }")).containsExactly(2, 3);
    assertThat(ids("throttle = true")).containsExactly(3);
    assertThat(ids("fault = false AND error != true")).containsExactly(1, 4);
    assertThat(ids("ok")).containsExactly(1, 4);
    assertThat(ids("!fault && service(\"checkout\")")).containsExactly(1);
    assertThat(ids("NOT (fault or error)")).containsExactly(1, 4);
    assertThat(ids("responsetime > 0.5")).containsExactly(2, 4);
    assertThat(ids("duration <= 0.04")).containsExactly(1, 3);
    assertThat(ids("http.status = 503")).containsExactly(2);
    assertThat(ids("")).containsExactly(1, 2, 3, 4);
  }

  @Test
  void bracesAfterASelectorAskAboutItsSegmentsAsTheFailedTracesQuestionDoes() {
    assertThat(ids("service(\"checkout\") { fault OR error }")).containsExactly(2);
    assertThat(ids("service(\"ledger\") { fault OR error }")).containsExactly(2, 3);
    assertThat(ids("edge(\"invoices\", \"ledger\") { error }")).containsExactly(3);
  }

  @Test
  void andBindsTighterThanOr() {
    assertThat(ids("service(\"checkout\") AND fault OR throttle")).containsExactly(2, 3);
    assertThat(ids("service(\"checkout\") AND (fault OR throttle)")).containsExactly(2);
  }

  @Test
  void entitySelectorsNameAServiceOrAnEdge() {
    assertThat(XRayFilter.entity("service(\"ledger\")")).isEqualTo(TraceSubject.service("ledger"));
    assertThat(XRayFilter.entity("edge(\"checkout\",\"ledger\")"))
        .isEqualTo(TraceSubject.call("checkout", "ledger"));
  }

  @Test
  void anythingElseIsRefusedInOneSentence() {
    for (String bad :
        new String[] {
          "annotation.x = 1",
          "service(ledger)",
          "fault OR",
          "(fault",
          "fault fault",
          "responsetime > soon",
          "service(\"ledger",
          "fault = maybe",
          "#",
          "(".repeat(100_000) + "fault" + ")".repeat(100_000)
        }) {
      assertThatThrownBy(() -> XRayFilter.parse(bad))
          .as(bad.length() > 40 ? "deep nesting" : bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageEndingWith(".");
    }
    assertThatThrownBy(() -> XRayFilter.entity("group(\"x\")"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static List<Integer> ids(String expression) {
    Predicate<RecordedTrace> filter = XRayFilter.parse(expression);
    return traces.stream()
        .filter(filter)
        .map(t -> (int) t.start().getEpochSecond() - (int) T.getEpochSecond())
        .toList();
  }

  private static SimulatedRequest request(int second, String from, String to, int status, int ms) {
    String hex = String.format("%016x", second);
    return new SimulatedRequest(
        from,
        to,
        T.plusSeconds(second),
        Duration.ofMillis(ms),
        status,
        "GET",
        "/" + to,
        0,
        100,
        "1-"
            + String.format("%08x", T.getEpochSecond() + second)
            + "-"
            + "0".repeat(16)
            + hex.substring(8),
        hex,
        hex.replace('0', 'a'),
        "00000000-0000-4000-8000-00000000000" + second);
  }
}
