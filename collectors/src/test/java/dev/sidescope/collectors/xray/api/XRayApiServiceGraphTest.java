package dev.sidescope.collectors.xray.api;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sidescope.collectors.aws.CannedHttpClient;
import dev.sidescope.collectors.aws.CannedHttpClient.Answer;
import dev.sidescope.collectors.aws.CannedHttpClient.Call;
import dev.sidescope.collectors.xray.api.CannedXRay.RecordingSink;
import dev.sidescope.topology.model.OverlayData;
import dev.sidescope.topology.model.OverlayKeys;
import dev.sidescope.topology.model.SourceState;
import dev.sidescope.topology.model.SourceStatus;
import dev.sidescope.topology.model.traffic.CallStats;
import dev.sidescope.topology.model.traffic.TracedCall;
import dev.sidescope.topology.model.traffic.TracedService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service graph read through the SDK from canned X-Ray answers, as the source publishes it: a
 * client node, two services on ECS and a remote host, over two pages.
 */
class XRayApiServiceGraphTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path home;

  /**
   * Page one: the client node and frontend, whose edges name orders (2) and a remote host (3), both
   * on page two. The frontend -> orders histogram, in seconds and out of order, is worked out by
   * hand below.
   */
  static final String PAGE_ONE =
      """
      {"Services": [
        {"ReferenceId": 0, "Name": "frontend", "Type": "client", "Root": false,
         "Edges": [{"ReferenceId": 1, "StartTime": 1796676900, "EndTime": 1796677200,
                    "SummaryStatistics": {"OkCount": 7, "TotalCount": 7, "TotalResponseTime": 0.7,
                      "ErrorStatistics": {"ThrottleCount": 0, "OtherCount": 0, "TotalCount": 0},
                      "FaultStatistics": {"OtherCount": 0, "TotalCount": 0}},
                    "ResponseTimeHistogram": [{"Value": 0.1, "Count": 7}]}]},
        {"ReferenceId": 1, "Name": "frontend", "Type": "AWS::ECS::Container", "Root": true,
         "StartTime": 1796676900, "EndTime": 1796677200,
         "SummaryStatistics": {"OkCount": 7, "TotalCount": 7, "TotalResponseTime": 0.7,
           "ErrorStatistics": {"ThrottleCount": 0, "OtherCount": 0, "TotalCount": 0},
           "FaultStatistics": {"OtherCount": 0, "TotalCount": 0}},
         "ResponseTimeHistogram": [{"Value": 0.1, "Count": 7}],
         "Edges": [
           {"ReferenceId": 2, "StartTime": 1796676900, "EndTime": 1796677200,
            "SummaryStatistics": {"OkCount": 16, "TotalCount": 20, "TotalResponseTime": 0.408,
              "ErrorStatistics": {"ThrottleCount": 1, "OtherCount": 2, "TotalCount": 3},
              "FaultStatistics": {"OtherCount": 1, "TotalCount": 1}},
            "ResponseTimeHistogram": [
              {"Value": 0.004, "Count": 6}, {"Value": 0.012, "Count": 2},
              {"Value": 0.030, "Count": 1}, {"Value": 0.250, "Count": 1},
              {"Value": 0.008, "Count": 10}],
            "Aliases": []},
           {"ReferenceId": 3, "StartTime": 1796677080, "EndTime": 1796677200,
            "SummaryStatistics": {"OkCount": 4, "TotalCount": 4, "TotalResponseTime": 0.2,
              "ErrorStatistics": {"ThrottleCount": 0, "OtherCount": 0, "TotalCount": 0},
              "FaultStatistics": {"OtherCount": 0, "TotalCount": 0}},
            "ResponseTimeHistogram": [{"Value": 0.05, "Count": 4}]}]}],
       "StartTime": 1796676900, "EndTime": 1796677200, "NextToken": "page-two"}
      """;

  static final String PAGE_TWO =
      """
      {"Services": [
        {"ReferenceId": 2, "Name": "orders", "Type": "AWS::ECS::Container",
         "StartTime": 1796676900, "EndTime": 1796677200,
         "SummaryStatistics": {"OkCount": 16, "TotalCount": 20, "TotalResponseTime": 0.408,
           "ErrorStatistics": {"ThrottleCount": 1, "OtherCount": 2, "TotalCount": 3},
           "FaultStatistics": {"OtherCount": 1, "TotalCount": 1}},
         "ResponseTimeHistogram": [{"Value": 0.008, "Count": 20}], "Edges": []},
        {"ReferenceId": 3, "Name": "payments.example.com", "Type": "remote", "Edges": []}],
       "StartTime": 1796676900, "EndTime": 1796677200}
      """;

  static Answer graph(Call call) {
    if (!call.operation().equals("/ServiceGraph")) {
      return Answer.error(400, "InvalidRequestException", "not in this test");
    }
    return Answer.ok(call.body().contains("page-two") ? PAGE_TWO : PAGE_ONE);
  }

  @Test
  void edgeStatsComeFromTheEdgesCountsAndHistogramInMilliseconds() {
    CannedHttpClient xray = new CannedHttpClient(XRayApiServiceGraphTest::graph);
    try (XRayApiSource source = CannedXRay.source(home, xray, new RecordingSink())) {
      OverlayData measured = source.refreshOnce();

      TracedCall call = measured.get("frontend -> orders", OverlayKeys.TRACED_CALLS).orElseThrow();
      CallStats stats = call.stats();
      // Bars by time: 4 ms x6, 8 ms x10, 12 ms x2, 30 ms x1, 250 ms x1; 20 requests.
      // p50: rank 10, reached at 8 ms (6, then 16). p90: rank 18, reached at 12 ms (16, then 18).
      // p99: rank ceil(19.8) = 20, reached only at 250 ms.
      assertThat(stats.p50Ms()).hasValue(8.0);
      assertThat(stats.p90Ms()).hasValue(12.0);
      assertThat(stats.p99Ms()).hasValue(250.0);
      assertThat(stats.requests()).isEqualTo(20);
      assertThat(stats.ok()).isEqualTo(16);
      assertThat(stats.errors()).as("ErrorStatistics.TotalCount").isEqualTo(3);
      assertThat(stats.throttles()).isEqualTo(1);
      assertThat(stats.faults()).isEqualTo(1);
      assertThat(stats.totalResponseMs()).isCloseTo(408.0, within(1e-6));
      assertThat(stats.covered()).isEqualTo(Duration.ofMinutes(5));
      assertThat(call.calleeType()).contains("AWS::ECS::Container");
      assertThat(call.host()).as("not a remote node").isEmpty();
    }
  }

  @Test
  void servicesAndCallsOfEveryPageArePublishedWithoutTheClientNode() throws Exception {
    CannedHttpClient xray = new CannedHttpClient(XRayApiServiceGraphTest::graph);
    RecordingSink sink = new RecordingSink();
    try (XRayApiSource source = CannedXRay.source(home, xray, sink)) {
      source.start();

      OverlayData measured = sink.published.poll(10, SECONDS);
      assertThat(sink.publishedAs.poll()).isEqualTo("xray/eu-west-1");
      assertThat(sink.publishThreads.poll()).isEqualTo("sidescope-xray-eu-west-1");
      assertThat(measured.all(OverlayKeys.TRACED_SERVICES).keySet())
          .containsExactly("frontend", "orders", "payments.example.com");
      assertThat(measured.all(OverlayKeys.TRACED_CALLS).keySet())
          .as("the client node calls nobody: its edge is the entry's own traffic")
          .containsExactly("frontend -> orders", "frontend -> payments.example.com");

      TracedService frontend = measured.get("frontend", OverlayKeys.TRACED_SERVICES).orElseThrow();
      assertThat(frontend.type()).contains("AWS::ECS::Container");
      assertThat(frontend.stats().requests()).as("the service's own figures").isEqualTo(7);
      TracedCall remote =
          measured.get("frontend -> payments.example.com", OverlayKeys.TRACED_CALLS).orElseThrow();
      assertThat(remote.calleeType()).contains("remote");
      assertThat(remote.host()).contains("payments.example.com");
      assertThat(remote.stats().covered())
          .as("the edge's own EndTime - StartTime")
          .isEqualTo(Duration.ofMinutes(2));
      assertThat(measured.get("payments.example.com", OverlayKeys.TRACED_SERVICES))
          .map(s -> s.stats().covered())
          .as("a node without times covers the page's")
          .contains(Duration.ofMinutes(5));

      assertThat(sink.statuses.poll(10, SECONDS).status()).isEqualTo(SourceState.CONNECTING);
      SourceStatus live = sink.statuses.poll(10, SECONDS);
      assertThat(live.status()).isEqualTo(SourceState.LIVE);
      assertThat(live.message()).contains("3 services, 2 calls over the last 5 min");
    }
  }

  @Test
  void everyPageIsAskedForTheSameSlidingWindowAndTheNextToken() throws Exception {
    CannedHttpClient xray = new CannedHttpClient(XRayApiServiceGraphTest::graph);
    try (XRayApiSource source = CannedXRay.source(home, xray, new RecordingSink())) {
      source.refreshOnce();
    }
    List<JsonNode> bodies = xray.calls().stream().map(c -> read(c.body())).toList();
    assertThat(bodies).hasSize(2);
    long now = CannedXRay.NOW.getEpochSecond();
    for (JsonNode body : bodies) {
      assertThat(body.path("StartTime").asDouble()).isEqualTo(now - 300.0);
      assertThat(body.path("EndTime").asDouble()).isEqualTo(now);
    }
    assertThat(bodies.get(0).has("NextToken")).isFalse();
    assertThat(bodies.get(1).path("NextToken").asText()).isEqualTo("page-two");
  }

  static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void anEmptyGraphIsStillLiveAndPublishesNothingUnderEitherKey() {
    CannedHttpClient xray =
        new CannedHttpClient(
            c -> Answer.ok("{\"Services\": [], \"StartTime\": 1, \"EndTime\": 2}"));
    try (XRayApiSource source = CannedXRay.source(home, xray, new RecordingSink())) {
      assertThat(source.refreshOnce().isEmpty()).isTrue();
      assertThat(source.status().status()).isEqualTo(SourceState.LIVE);
      assertThat(source.status().message()).contains("0 services, 0 calls over the last 5 min");
    }
  }

  @Test
  void sourceIdNamesTheRegion() {
    CannedHttpClient xray = new CannedHttpClient(XRayApiServiceGraphTest::graph);
    try (XRayApiSource source = CannedXRay.source(home, xray, new RecordingSink())) {
      assertThat(source.id()).isEqualTo("xray/eu-west-1");
      assertThat(source.status().status()).isEqualTo(SourceState.CONNECTING);
      assertThat(xray.calls()).as("nothing is asked before the first reading").isEmpty();
      assertThat(Optional.of(source.window())).contains(Duration.ofMinutes(5));
    }
  }
}
