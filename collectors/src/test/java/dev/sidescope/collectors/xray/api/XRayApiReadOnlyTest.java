package dev.sidescope.collectors.xray.api;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.collectors.aws.CannedHttpClient;
import dev.sidescope.collectors.aws.CannedHttpClient.Answer;
import dev.sidescope.collectors.aws.CannedHttpClient.Call;
import dev.sidescope.collectors.xray.api.CannedXRay.RecordingSink;
import dev.sidescope.topology.model.traffic.TraceSubject;
import dev.sidescope.topology.source.TraceQueries.TraceFilter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.SdkHttpMethod;

/** Everything the source asks of X-Ray reads: no call that writes anything to the account. */
class XRayApiReadOnlyTest {
  /** X-Ray's REST paths for the operations the source may call, from its service model. */
  private static final Map<String, String> READS =
      Map.of(
          "/ServiceGraph", "GetServiceGraph",
          "/TimeSeriesServiceStatistics", "GetTimeSeriesServiceStatistics",
          "/TraceSummaries", "GetTraceSummaries",
          "/Traces", "BatchGetTraces");

  @TempDir Path home;

  private static Answer answer(Call c) {
    return switch (c.operation()) {
      case "/ServiceGraph" -> XRayApiServiceGraphTest.graph(c);
      case "/TimeSeriesServiceStatistics" -> Answer.ok(XRayApiQueriesTest.TIME_SERIES);
      case "/TraceSummaries" -> Answer.ok(XRayApiQueriesTest.SUMMARIES_PAGE_TWO);
      case "/Traces" -> Answer.ok(XRayApiTraceTest.scorekeep());
      default -> Answer.error(400, "InvalidRequestException", "not a read");
    };
  }

  @Test
  void aReadingAndEveryKindOfQuestionCallOnlyGetAndBatchGetOperations() throws Exception {
    CannedHttpClient xray = new CannedHttpClient(XRayApiReadOnlyTest::answer);
    try (XRayApiSource source = CannedXRay.source(home, xray, new RecordingSink())) {
      source.refreshOnce();
      TraceSubject orders = TraceSubject.service("orders");
      source.timeSeries(orders, Duration.ofMinutes(5)).get(10, SECONDS);
      source.traces(orders, TraceFilter.SLOWEST, 5).get(10, SECONDS);
      source.traces(orders, TraceFilter.FAILED, 5).get(10, SECONDS);
      source.trace(XRayApiTraceTest.TRACE_ID).get(10, SECONDS);
    }

    assertThat(xray.calls())
        .extracting(Call::operation)
        .as("every path one of the reads")
        .allSatisfy(path -> assertThat(READS).containsKey(path))
        .containsAll(READS.keySet());
    assertThat(xray.calls().stream().map(c -> READS.get(c.operation())))
        .allSatisfy(operation -> assertThat(operation).matches("(Get|BatchGet)[A-Za-z]+"));
    assertThat(xray.calls()).extracting(c -> c.request().method()).containsOnly(SdkHttpMethod.POST);
  }
}
