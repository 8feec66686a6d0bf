package dev.sidescope.samples.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sidescope.samples.folder.BuiltInSamples;
import dev.sidescope.samples.folder.SampleCluster;
import dev.sidescope.samples.folder.SampleClusterFolder;
import dev.sidescope.samples.folder.TrafficFlow;
import dev.sidescope.samples.traffic.SimulatedRequest;
import dev.sidescope.samples.traffic.TrafficSimulator;
import dev.sidescope.samples.xray.WorkloadOrigins;
import dev.sidescope.topology.model.traffic.CallStats;
import dev.sidescope.topology.model.traffic.ResponseTimeBucket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.xray.XRayClient;
import software.amazon.awssdk.services.xray.model.BatchGetTracesResponse;
import software.amazon.awssdk.services.xray.model.Edge;
import software.amazon.awssdk.services.xray.model.GetServiceGraphResponse;
import software.amazon.awssdk.services.xray.model.HistogramEntry;
import software.amazon.awssdk.services.xray.model.InvalidRequestException;
import software.amazon.awssdk.services.xray.model.Service;
import software.amazon.awssdk.services.xray.model.ThrottledException;
import software.amazon.awssdk.services.xray.model.TimeSeriesServiceStatistics;
import software.amazon.awssdk.services.xray.model.TraceSummary;
import software.amazon.awssdk.services.xray.model.XRayException;

/**
 * The sample endpoint's X-Ray operations, called through the AWS SDK's {@link XRayClient} after
 * three simulated minutes of the seed sample's traffic.
 */
class XRayApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant ORIGIN = Instant.parse("2026-11-26T10:00:00Z");
  private static final Duration LENGTH = Duration.ofMinutes(3);
  private static final Instant END = ORIGIN.plus(LENGTH);
  private static final double SIGMAS = 4;

  /** Histogram values are rounded to two significant digits: at most 5% off. */
  private static final double BAR_ROUNDING = 0.05;

  private static SampleAwsEndpoint endpoint;
  private static XRayClient xray;
  private static List<TrafficFlow> flows;
  private static final List<SimulatedRequest> heard = new ArrayList<>();

  @BeforeAll
  static void serveThreeMinutesOfTheSeed() throws Exception {
    Path folder = BuiltInSamples.folder("seed").orElseThrow();
    SampleCluster seed = SampleClusterFolder.read(folder);
    flows = seed.traffic();
    endpoint =
        SampleAwsEndpoint.forSample(folder, Clock.fixed(ORIGIN, ZoneOffset.UTC))
            .maxPageSize(500)
            .start();
    TrafficSimulator simulator = new TrafficSimulator(flows, 21, ORIGIN);
    endpoint.serveTraffic(simulator, WorkloadOrigins.of(seed, endpoint.ecsServices()));
    simulator.addListener(heard::add);
    simulator.advanceTo(END);
    xray = client(endpoint, false);
  }

  @AfterAll
  static void stop() {
    xray.close();
    endpoint.stop();
  }

  static XRayClient client(SampleAwsEndpoint endpoint, boolean retry) {
    return XRayClient.builder()
        .endpointOverride(endpoint.url())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDANY", "any-secret")))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(
            o -> {
              if (!retry) {
                o.retryStrategy(AwsRetryStrategy.doNotRetry());
              }
            })
        .build();
  }

  private static GetServiceGraphResponse graph() {
    return xray.getServiceGraph(b -> b.startTime(ORIGIN).endTime(END));
  }

  @Test
  void theServiceGraphsEdgesFollowTheTrafficModel() {
    GetServiceGraphResponse graph = graph();
    Map<Integer, Service> byRef =
        graph.services().stream().collect(Collectors.toMap(Service::referenceId, s -> s));
    double seconds = Duration.between(graph.startTime(), graph.endTime()).toNanos() / 1e9;
    // From the first request heard to the last: the simulated minutes, less the gaps at each end.
    assertThat(seconds).isBetween(LENGTH.toSeconds() - 1.0, (double) LENGTH.toSeconds());

    for (TrafficFlow flow : flows) {
      String callee = flow.to().endsWith(".amazonaws.com") ? "AppConfigData" : flow.to();
      Service caller =
          graph.services().stream()
              .filter(s -> s.name().equals(flow.from()))
              .findFirst()
              .orElseThrow();
      Edge edge =
          caller.edges().stream()
              .filter(e -> byRef.get(e.referenceId()).name().equals(callee))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no edge " + flow.from() + " -> " + callee));
      String name = flow.from() + " -> " + callee;

      long total = edge.summaryStatistics().totalCount();
      double expected = flow.rps() * seconds;
      assertThat((double) total)
          .as("%s: calls", name)
          .isBetween(
              expected - SIGMAS * Math.sqrt(expected), expected + SIGMAS * Math.sqrt(expected));
      long faults = edge.summaryStatistics().faultStatistics().totalCount();
      double spread = SIGMAS * Math.sqrt(total * flow.errorRate() * (1 - flow.errorRate()));
      assertThat((double) faults)
          .as("%s: faults at error rate %s", name, flow.errorRate())
          .isBetween(total * flow.errorRate() - spread, total * flow.errorRate() + spread);
      assertThat(
              edge.summaryStatistics().okCount()
                  + edge.summaryStatistics().errorStatistics().totalCount()
                  + faults)
          .isEqualTo(total);

      List<ResponseTimeBucket> bars =
          edge.responseTimeHistogram().stream()
              .map(h -> new ResponseTimeBucket(h.value() * 1000, h.count()))
              .toList();
      assertThat(bars.stream().mapToLong(ResponseTimeBucket::count).sum()).isEqualTo(total);
      assertPercentile(name, bars, total, 0.50, flow.p50Ms());
      assertPercentile(name, bars, total, 0.90, flow.p90Ms());
      assertPercentile(name, bars, total, 0.99, flow.p99Ms());
      assertThat(edge.summaryStatistics().totalResponseTime() / total * 1000)
          .as("%s: mean ms", name)
          .isBetween(flow.p50Ms() * 0.8, flow.p90Ms());
    }
  }

  /**
   * The model's percentile lies between the histogram's at {@code q} minus and plus four standard
   * errors, give or take the bars' rounding. Skipped when fewer than ten calls lie above it.
   */
  private static void assertPercentile(
      String name, List<ResponseTimeBucket> bars, long n, double q, double modelMs) {
    if (n * (1 - q) < 10) {
      return;
    }
    double error = SIGMAS * Math.sqrt(q * (1 - q) / n);
    double low = CallStats.percentile(bars, Math.max(q - error, 1e-9)).orElseThrow();
    double high = CallStats.percentile(bars, Math.min(q + error, 1)).orElseThrow();
    assertThat(modelMs)
        .as("%s: p%s of %s calls", name, Math.round(q * 100), n)
        .isBetween(low * (1 - BAR_ROUNDING), high * (1 + BAR_ROUNDING));
  }

  @Test
  void servicesCarryTheirTypesAndTheirOwnStatistics() {
    Map<String, Service> byName =
        graph().services().stream().collect(Collectors.toMap(Service::name, s -> s));

    assertThat(byName.keySet())
        .contains(
            "storefront",
            "order-service",
            "payment-service",
            "payments-db.internal",
            "AppConfigData");
    assertThat(byName.get("order-service").type()).isEqualTo(WorkloadOrigins.EKS);
    assertThat(byName.get("payments-db.internal").type()).isEqualTo("remote");
    assertThat(byName.get("AppConfigData").type()).isEqualTo("AWS::AppConfigData");
    assertThat(byName.get("storefront").root()).isTrue();
    assertThat(byName.get("order-service").root()).isFalse();
    // order-service's own statistics are the calls it answered: the storefront's.
    long answered =
        heard.stream()
            .filter(r -> r.to().equals("order-service") && r.start().isBefore(END))
            .count();
    assertThat(byName.get("order-service").summaryStatistics().totalCount()).isEqualTo(answered);
    assertThat(
            byName.get("order-service").responseTimeHistogram().stream()
                .mapToLong(HistogramEntry::count)
                .sum())
        .isEqualTo(answered);
  }

  @Test
  void theTimeSeriesCoversEveryMinuteAndAddsUpToTheGraph() {
    List<TimeSeriesServiceStatistics> series =
        xray.getTimeSeriesServiceStatistics(
                b ->
                    b.startTime(ORIGIN)
                        .endTime(END)
                        .entitySelectorExpression("edge(\"order-service\", \"payment-service\")")
                        .period(60))
            .timeSeriesServiceStatistics();

    assertThat(series)
        .extracting(TimeSeriesServiceStatistics::timestamp)
        .containsExactly(ORIGIN, ORIGIN.plusSeconds(60), ORIGIN.plusSeconds(120));
    long perMinute = series.stream().mapToLong(p -> p.edgeSummaryStatistics().totalCount()).sum();
    long inGraph =
        heard.stream()
            .filter(r -> r.from().equals("order-service") && r.to().equals("payment-service"))
            .count();
    assertThat(perMinute).isEqualTo(inGraph);
    assertThat(series).allSatisfy(p -> assertThat(p.responseTimeHistogram()).isNotEmpty());

    List<TimeSeriesServiceStatistics> service =
        xray.getTimeSeriesServiceStatistics(
                b ->
                    b.startTime(ORIGIN)
                        .endTime(END)
                        .entitySelectorExpression("service(\"payment-service\")")
                        .period(60))
            .timeSeriesServiceStatistics();
    assertThat(service).hasSize(3);
    assertThat(service.get(0).serviceSummaryStatistics().totalCount()).isPositive();
  }

  @Test
  void traceSummariesFilterTheFailedCallsOfAnEdge() {
    List<TraceSummary> failed =
        xray
            .getTraceSummariesPaginator(
                b ->
                    b.startTime(ORIGIN)
                        .endTime(END)
                        .filterExpression(
                            "edge(\"order-service\", \"payment-service\") AND { fault OR error }"))
            .traceSummaries()
            .stream()
            .toList();
    // The recorder keeps the last 5,000 traces.
    List<SimulatedRequest> kept = heard.subList(heard.size() - 5_000, heard.size());
    long expected =
        kept.stream()
            .filter(r -> r.from().equals("order-service") && r.to().equals("payment-service"))
            .filter(SimulatedRequest::isFault)
            .count();

    assertThat(expected).isPositive();
    assertThat(failed).hasSize((int) expected);
    assertThat(failed).allSatisfy(t -> assertThat(t.hasFault()).isTrue());
    assertThat(failed)
        .allSatisfy(
            t -> {
              assertThat(t.http().httpStatus()).isBetween(500, 599);
              assertThat(t.entryPoint().name()).isEqualTo("order-service");
            });
  }

  @Test
  void traceSummariesPageThroughEveryTraceKept() {
    List<TraceSummary> all =
        xray
            .getTraceSummariesPaginator(b -> b.startTime(ORIGIN).endTime(END))
            .traceSummaries()
            .stream()
            .toList();

    assertThat(all).hasSize(5_000);
    assertThat(all.get(0).id()).isEqualTo(heard.get(heard.size() - 1).traceId());
    assertThat(all.stream().map(TraceSummary::id).distinct().count()).isEqualTo(5_000);
  }

  @Test
  void batchGetTracesReturnsTheDocumentsOfKnownTracesOnly() throws Exception {
    List<TraceSummary> some =
        xray.getTraceSummaries(
                b ->
                    b.startTime(ORIGIN).endTime(END).filterExpression("service(\"order-service\")"))
            .traceSummaries()
            .subList(0, 2);
    String unknown = "1-00000000-000000000000000000000000";

    BatchGetTracesResponse answer =
        xray.batchGetTraces(b -> b.traceIds(some.get(0).id(), some.get(1).id(), unknown));

    assertThat(answer.unprocessedTraceIds()).containsExactly(unknown);
    assertThat(answer.traces()).hasSize(2);
    for (var trace : answer.traces()) {
      assertThat(trace.segments()).isNotEmpty();
      for (var segment : trace.segments()) {
        JsonNode doc = JSON.readTree(segment.document());
        assertThat(doc.get("id").asText()).isEqualTo(segment.id());
        assertThat(doc.get("trace_id").asText()).isEqualTo(trace.id());
      }
    }
    assertThatThrownBy(() -> xray.batchGetTraces(b -> b.traceIds("1", "2", "3", "4", "5", "6")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("at most 5");
  }

  @Test
  void anUnknownOperationGetsTheRestJsonErrorShape() throws Exception {
    assertThatThrownBy(() -> xray.getGroups(b -> {}))
        .isInstanceOfSatisfying(
            XRayException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(404);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnknownOperationException");
              assertThat(e.awsErrorDetails().errorMessage()).contains("/Groups");
            });

    HttpResponse<String> raw =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(endpoint.url() + "/Nowhere"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(raw.statusCode()).isEqualTo(404);
    assertThat(raw.headers().firstValue("x-amzn-ErrorType")).contains("UnknownOperationException");
    assertThat(JSON.readTree(raw.body()).get("message").asText()).contains("/Nowhere");
  }

  @Test
  void anInjectedThrottleReachesTheSdkAsThrottling() {
    endpoint.faults().throttleNext(1);
    try {
      assertThatThrownBy(XRayApiTest::graph)
          .isInstanceOfSatisfying(
              ThrottledException.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(429);
                assertThat(e.isThrottlingException()).isTrue();
              });
      assertThat(graph().services()).isNotEmpty();
    } finally {
      endpoint.faults().clear();
    }
  }

  @Test
  void aLargeGraphComesInPages() throws Exception {
    Path folder = BuiltInSamples.folder("seed").orElseThrow();
    SampleCluster seed = SampleClusterFolder.read(folder);
    TrafficSimulator simulator = new TrafficSimulator(seed.traffic(), 3, ORIGIN);
    try (SampleAwsEndpoint paged = SampleAwsEndpoint.forSample(folder).maxPageSize(2).start();
        XRayClient client = client(paged, true)) {
      paged.serveTraffic(simulator, WorkloadOrigins.of(seed, paged.ecsServices()));
      simulator.advanceTo(END);

      GetServiceGraphResponse first = client.getServiceGraph(b -> b.startTime(ORIGIN).endTime(END));
      List<String> names =
          client.getServiceGraphPaginator(b -> b.startTime(ORIGIN).endTime(END)).services().stream()
              .map(Service::name)
              .toList();

      assertThat(first.services()).hasSize(2);
      assertThat(first.nextToken()).isNotBlank();
      assertThat(names)
          .containsExactlyInAnyOrderElementsOf(
              graph().services().stream().map(Service::name).toList());
      assertThat(paged.calls("GetServiceGraph")).isEqualTo(1 + (names.size() + 1) / 2);
    }
  }

  @Test
  void withoutTrafficTheGraphIsEmpty() throws Exception {
    try (SampleAwsEndpoint quiet =
            SampleAwsEndpoint.forSample(BuiltInSamples.folder("seed").orElseThrow()).start();
        XRayClient client = client(quiet, true)) {
      assertThat(client.getServiceGraph(b -> b.startTime(ORIGIN).endTime(END)).services())
          .isEmpty();
      assertThat(client.getTraceSummaries(b -> b.startTime(ORIGIN).endTime(END)).traceSummaries())
          .isEmpty();
      assertThatThrownBy(() -> client.getServiceGraph(b -> b.startTime(END).endTime(ORIGIN)))
          .isInstanceOf(InvalidRequestException.class);
      assertThat(quiet.calls("GetServiceGraph")).isEqualTo(2);
    }
  }

  @Test
  void aFilterOutsideTheSubsetIsAnInvalidRequest() {
    assertThatThrownBy(
            () ->
                xray.getTraceSummaries(
                    b -> b.startTime(ORIGIN).endTime(END).filterExpression("annotation.x = 1")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("annotation.x");
  }
}
