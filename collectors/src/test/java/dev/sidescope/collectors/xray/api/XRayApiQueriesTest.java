package dev.sidescope.collectors.xray.api;

import static dev.sidescope.collectors.xray.api.XRayApiServiceGraphTest.read;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sidescope.collectors.aws.CannedHttpClient;
import dev.sidescope.collectors.aws.CannedHttpClient.Answer;
import dev.sidescope.collectors.aws.CannedHttpClient.Call;
import dev.sidescope.collectors.xray.api.CannedXRay.RecordingSink;
import dev.sidescope.topology.model.traffic.TimePoint;
import dev.sidescope.topology.model.traffic.TraceSubject;
import dev.sidescope.topology.model.traffic.TraceSummary;
import dev.sidescope.topology.source.TraceQueries.TraceFilter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Time series and trace lists asked of X-Ray about a selection, on the source's own thread. */
class XRayApiQueriesTest {
  @TempDir Path home;

  private final BlockingQueue<String> threads = new LinkedBlockingQueue<>();

  private CannedHttpClient xray(Function<Call, Answer> answers) {
    return new CannedHttpClient(
        c -> {
          threads.add(Thread.currentThread().getName());
          return answers.apply(c);
        });
  }

  /** Two minutes of an edge, newest first; each point has edge and service figures. */
  static final String TIME_SERIES =
      """
      {"TimeSeriesServiceStatistics": [
        {"Timestamp": 1796677140,
         "EdgeSummaryStatistics": {"OkCount": 3, "TotalCount": 4, "TotalResponseTime": 0.1,
           "ErrorStatistics": {"ThrottleCount": 0, "OtherCount": 0, "TotalCount": 0},
           "FaultStatistics": {"OtherCount": 1, "TotalCount": 1}},
         "ServiceSummaryStatistics": {"OkCount": 90, "TotalCount": 90, "TotalResponseTime": 9},
         "ResponseTimeHistogram": [{"Value": 0.01, "Count": 3}, {"Value": 0.07, "Count": 1}]},
        {"Timestamp": 1796677080,
         "EdgeSummaryStatistics": {"OkCount": 2, "TotalCount": 2, "TotalResponseTime": 0.04,
           "ErrorStatistics": {"ThrottleCount": 0, "OtherCount": 0, "TotalCount": 0},
           "FaultStatistics": {"OtherCount": 0, "TotalCount": 0}},
         "ServiceSummaryStatistics": {"OkCount": 80, "TotalCount": 80, "TotalResponseTime": 8},
         "ResponseTimeHistogram": [{"Value": 0.02, "Count": 2}]}],
       "ContainsOldGroupVersions": false}
      """;

  @Test
  void timeSeriesOfAnEdgeAsksForTheEdgeByMinuteAndReadsTheEdgesFigures() throws Exception {
    CannedHttpClient xray = xray(c -> Answer.ok(TIME_SERIES));
    try (XRayApiSource source = CannedXRay.source(home, xray, new RecordingSink())) {
      List<TimePoint> points =
          source
              .timeSeries(TraceSubject.call("frontend", "orders"), Duration.ofMinutes(10))
              .get(10, SECONDS);

      assertThat(points)
          .extracting(TimePoint::start)
          .as("oldest first")
          .containsExactly(Instant.ofEpochSecond(1796677080), Instant.ofEpochSecond(1796677140));
      TimePoint last = points.get(1);
      assertThat(last.period()).isEqualTo(Duration.ofMinutes(1));
      assertThat(last.stats().requests()).as("the edge's, not the service's").isEqualTo(4);
      assertThat(last.stats().faults()).isEqualTo(1);
      assertThat(last.stats().p50Ms()).hasValue(10.0);
      assertThat(last.stats().p99Ms()).hasValue(70.0);
      assertThat(last.stats().covered()).isEqualTo(Duration.ofMinutes(1));

      JsonNode asked = read(xray.calls().get(0).body());
      assertThat(xray.calls().get(0).operation()).isEqualTo("/TimeSeriesServiceStatistics");
      assertThat(asked.path("EntitySelectorExpression").asText())
          .isEqualTo("edge(\"frontend\", \"orders\")");
      assertThat(asked.path("Period").asInt()).isEqualTo(60);
      long now = CannedXRay.NOW.getEpochSecond();
      assertThat(asked.path("StartTime").asDouble()).isEqualTo(now - 600.0);
      assertThat(asked.path("EndTime").asDouble()).isEqualTo(now);
      assertThat(threads.poll()).isEqualTo("sidescope-xray-eu-west-1-questions");
    }
  }

  @Test
  void timeSeriesOfAServiceReadsTheServicesFigures() throws Exception {
    CannedHttpClient xray = xray(c -> Answer.ok(TIME_SERIES));
    try (XRayApiSource source = CannedXRay.source(home, xray, new RecordingSink())) {
      List<TimePoint> points =
          source.timeSeries(TraceSubject.service("orders"), Duration.ofMinutes(2)).get(10, SECONDS);

      assertThat(points).extracting(p -> p.stats().requests()).containsExactly(80L, 90L);
      assertThat(read(xray.calls().get(0).body()).path("EntitySelectorExpression").asText())
          .isEqualTo("service(\"orders\")");
    }
  }

  static final String SUMMARIES_PAGE_ONE =
      """
      {"TraceSummaries": [
        {"Id": "1-6b171d6a-000000000000000000000001", "Duration": 0.120, "ResponseTime": 0.1,
         "HasFault": false, "HasError": true, "HasThrottle": true,
         "Http": {"HttpStatus": 429}, "EntryPoint": {"Name": "frontend", "Type": "AWS::ECS::Container"}},
        {"Id": "1-6b171dd8-000000000000000000000002", "Duration": 2.5, "ResponseTime": 2.4,
         "HasFault": true, "HasError": false, "HasThrottle": false,
         "Http": {"HttpStatus": 503}, "EntryPoint": {"Name": "frontend"}}],
       "ApproximateTime": 1796677200, "TracesProcessedCount": 2, "NextToken": "more"}
      """;

  static final String SUMMARIES_PAGE_TWO =
      """
      {"TraceSummaries": [
        {"Id": "1-6b171d9c-000000000000000000000003", "StartTime": 1796676999.25,
         "Duration": 0.9, "ResponseTime": 0.8, "HasFault": false, "HasError": false},
        {"Id": "1-6b171d6a-000000000000000000000001", "Duration": 0.120, "ResponseTime": 0.1}]}
      """;

  private static Answer summaries(Call c) {
    return Answer.ok(c.body().contains("\"more\"") ? SUMMARIES_PAGE_TWO : SUMMARIES_PAGE_ONE);
  }

  @Test
  void slowestTracesComeFromEveryPageSlowestFirstWithinTheLimit() throws Exception {
    CannedHttpClient xray = xray(XRayApiQueriesTest::summaries);
    try (XRayApiSource source = CannedXRay.source(home, xray, new RecordingSink())) {
      List<TraceSummary> slowest =
          source.traces(TraceSubject.service("orders"), TraceFilter.SLOWEST, 2).get(10, SECONDS);

      assertThat(slowest)
          .extracting(TraceSummary::id)
          .containsExactly(
              "1-6b171dd8-000000000000000000000002", "1-6b171d9c-000000000000000000000003");
      TraceSummary first = slowest.get(0);
      assertThat(first.duration()).isEqualTo(Duration.ofMillis(2500));
      assertThat(first.entry()).contains("frontend");
      assertThat(first.httpStatus()).isEqualTo(OptionalInt.of(503));
      assertThat(first.fault()).isTrue();
      assertThat(first.start())
          .as("no StartTime: the second the trace id carries")
          .isEqualTo(Instant.ofEpochSecond(0x6b171dd8L));
      assertThat(slowest.get(1).start()).isEqualTo(Instant.parse("2026-12-07T20:56:39.250Z"));

      assertThat(xray.calls()).hasSize(2);
      JsonNode asked = read(xray.calls().get(0).body());
      assertThat(asked.path("FilterExpression").asText()).isEqualTo("service(\"orders\")");
      long now = CannedXRay.NOW.getEpochSecond();
      assertThat(asked.path("StartTime").asDouble()).isEqualTo(now - 300.0);
      assertThat(asked.path("EndTime").asDouble()).isEqualTo(now);
      assertThat(read(xray.calls().get(1).body()).path("NextToken").asText()).isEqualTo("more");
    }
  }

  @Test
  void failedTracesOfAnEdgeAreFilteredByXRayAndComeNewestFirst() throws Exception {
    CannedHttpClient xray = xray(XRayApiQueriesTest::summaries);
    try (XRayApiSource source = CannedXRay.source(home, xray, new RecordingSink())) {
      List<TraceSummary> failed =
          source
              .traces(TraceSubject.call("frontend", "orders"), TraceFilter.FAILED, 10)
              .get(10, SECONDS);

      assertThat(read(xray.calls().get(0).body()).path("FilterExpression").asText())
          .isEqualTo("edge(\"frontend\", \"orders\") { fault OR error }");
      assertThat(failed)
          .extracting(TraceSummary::id)
          .as("each trace once, newest first")
          .containsExactly(
              "1-6b171dd8-000000000000000000000002",
              "1-6b171d9c-000000000000000000000003",
              "1-6b171d6a-000000000000000000000001");
      TraceSummary throttled = failed.get(2);
      assertThat(throttled.error()).isTrue();
      assertThat(throttled.throttle()).isTrue();
      assertThat(throttled.httpStatus()).isEqualTo(OptionalInt.of(429));
    }
  }

  @Test
  void traceListsFollowNextTokenOnlyWithinThePageBudget() throws Exception {
    int[] page = {0};
    CannedHttpClient xray =
        xray(c -> Answer.ok("{\"TraceSummaries\": [], \"NextToken\": \"t" + ++page[0] + "\"}"));
    try (XRayApiSource source = CannedXRay.source(home, xray, new RecordingSink())) {
      List<TraceSummary> none =
          source.traces(TraceSubject.service("orders"), TraceFilter.FAILED, 10).get(10, SECONDS);

      assertThat(none).isEmpty();
      assertThat(xray.calls()).hasSize(XRayApiSource.TRACE_SUMMARY_PAGE_BUDGET);
    }
  }

  @Test
  void aDeniedQuestionFailsWithOneSentenceNamingTheAction() {
    CannedHttpClient xray = xray(c -> CannedXRay.denied("GetTraceSummaries"));
    try (XRayApiSource source = CannedXRay.source(home, xray, new RecordingSink())) {
      assertThatThrownBy(
              () ->
                  source
                      .traces(TraceSubject.service("orders"), TraceFilter.SLOWEST, 5)
                      .get(10, SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(XRayQueryException.class)
          .hasMessage(
              "X-Ray denied xray:GetTraceSummaries to environment variables (AWS_ACCESS_KEY_ID).");
    }
  }

  @Test
  void aClosedSourceAnswersEveryQuestionWithOneSentence() {
    CannedHttpClient xray = xray(c -> Answer.ok(TIME_SERIES));
    XRayApiSource source = CannedXRay.source(home, xray, new RecordingSink());
    source.close();

    assertThatThrownBy(
            () -> source.timeSeries(TraceSubject.service("orders"), Duration.ofMinutes(5)).get())
        .cause()
        .isInstanceOf(XRayQueryException.class)
        .hasMessage("The X-Ray source xray/eu-west-1 is closed.");
    assertThat(xray.calls()).isEmpty();
  }
}
