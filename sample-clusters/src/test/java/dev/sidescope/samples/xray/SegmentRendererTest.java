package dev.sidescope.samples.xray;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sidescope.samples.aws.SampleAwsEndpoint;
import dev.sidescope.samples.folder.BuiltInSamples;
import dev.sidescope.samples.folder.SampleCluster;
import dev.sidescope.samples.folder.SampleClusterFolder;
import dev.sidescope.samples.traffic.SimulatedRequest;
import dev.sidescope.samples.traffic.TrafficSimulator;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A simulated minute of the seed sample rendered as X-Ray segment documents. */
class SegmentRendererTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant ORIGIN = Instant.parse("2026-11-26T10:00:00Z");

  private static SegmentRenderer renderer;
  private static List<SimulatedRequest> minute;

  @BeforeAll
  static void renderAMinuteOfTheSeed() throws Exception {
    Path folder = BuiltInSamples.folder("seed").orElseThrow();
    SampleCluster seed = SampleClusterFolder.read(folder);
    List<String> ecs;
    try (SampleAwsEndpoint endpoint = SampleAwsEndpoint.forSample(folder)) {
      ecs = endpoint.ecsServices();
    }
    renderer = new SegmentRenderer(WorkloadOrigins.of(seed, ecs));
    TrafficSimulator simulator = new TrafficSimulator(seed.traffic(), 5, ORIGIN);
    minute = new ArrayList<>();
    simulator.addListener(minute::add);
    simulator.advanceTo(ORIGIN.plus(Duration.ofMinutes(1)));
  }

  @Test
  void theSeedsWorkloadsRunOnEksAndItsEcsServiceToo() {
    assertThat(renderer.origins().origin("storefront")).contains(WorkloadOrigins.EKS);
    assertThat(renderer.origins().origin("payment-service")).contains(WorkloadOrigins.EKS);
    assertThat(renderer.origins().isWorkload("payments-db.internal")).isFalse();
    assertThat(renderer.origins().isWorkload("appconfigdata.us-east-1.amazonaws.com")).isFalse();
    assertThat(WorkloadOrigins.of(Map.of("statements", WorkloadOrigins.ECS)).origin("statements"))
        .contains(WorkloadOrigins.ECS);
  }

  @Test
  void everyDocumentParsesWithValidIdsAndTimes() throws Exception {
    assertThat(minute).hasSizeGreaterThan(5_000);
    for (SimulatedRequest request : minute) {
      for (String text : renderer.documents(request)) {
        JsonNode doc = JSON.readTree(text);
        assertThat(doc.get("trace_id").asText())
            .isEqualTo(request.traceId())
            .matches("1-[0-9a-f]{8}-[0-9a-f]{24}");
        assertThat(doc.get("id").asText()).matches("[0-9a-f]{16}");
        double start = doc.get("start_time").asDouble();
        double end = doc.get("end_time").asDouble();
        assertThat(start).isCloseTo(request.start().toEpochMilli() / 1e3, within(1e-3));
        assertThat(end - start)
            .isCloseTo(request.duration().toNanos() / 1e9, within(2e-6))
            .isGreaterThanOrEqualTo(0);
        assertThat(Long.parseLong(request.traceId().substring(2, 10), 16))
            .isEqualTo(request.start().getEpochSecond());
      }
    }
  }

  @Test
  void theCalleesSegmentHangsUnderTheCallersSubsegment() throws Exception {
    SimulatedRequest call = first("order-service", "payment-service");
    List<String> docs = renderer.documents(call);
    assertThat(docs).hasSize(2);
    JsonNode caller = JSON.readTree(docs.get(0));
    JsonNode callee = JSON.readTree(docs.get(1));

    assertThat(caller.get("name").asText()).isEqualTo("order-service");
    assertThat(caller.has("parent_id")).isFalse();
    assertThat(caller.get("origin").asText()).isEqualTo(WorkloadOrigins.EKS);
    JsonNode sub = caller.get("subsegments").get(0);
    assertThat(sub.get("namespace").asText()).isEqualTo("remote");
    assertThat(sub.get("name").asText()).isEqualTo("payment-service");
    assertThat(URI.create(sub.at("/http/request/url").asText()).getHost())
        .isEqualTo("payment-service");
    assertThat(sub.at("/http/response/status").asInt()).isEqualTo(call.status());

    assertThat(callee.get("name").asText()).isEqualTo("payment-service");
    assertThat(callee.get("parent_id").asText()).isEqualTo(sub.get("id").asText());
    assertThat(callee.get("id").asText()).isNotEqualTo(caller.get("id").asText());
    assertThat(callee.get("origin").asText()).isEqualTo(WorkloadOrigins.EKS);
    assertThat(callee.at("/http/request/method").asText()).isEqualTo(call.method());
    assertThat(callee.at("/http/response/status").asInt()).isEqualTo(call.status());
  }

  @Test
  void faultsAreFlaggedOnTheSubsegmentAndTheCalleesSegment() throws Exception {
    List<SimulatedRequest> faults =
        minute.stream().filter(r -> r.isFault() && renderer.documents(r).size() == 2).toList();
    assertThat(faults).isNotEmpty();
    for (SimulatedRequest fault : faults) {
      JsonNode caller = JSON.readTree(renderer.documents(fault).get(0));
      JsonNode callee = JSON.readTree(renderer.documents(fault).get(1));
      assertThat(caller.at("/subsegments/0/fault").asBoolean()).isTrue();
      assertThat(callee.get("fault").asBoolean()).isTrue();
      assertThat(callee.at("/http/response/status").asInt()).isBetween(500, 599);
    }
    SimulatedRequest ok = minute.stream().filter(r -> !r.isFault()).findFirst().orElseThrow();
    for (String doc : renderer.documents(ok)) {
      assertThat(doc).doesNotContain("\"fault\"");
    }
  }

  @Test
  void aCallToAnExternalHostIsOnlyTheCallersRemoteSubsegment() throws Exception {
    SimulatedRequest call = first("payment-service", "payments-db.internal");
    List<String> docs = renderer.documents(call);

    assertThat(docs).hasSize(1);
    JsonNode sub = JSON.readTree(docs.get(0)).get("subsegments").get(0);
    assertThat(sub.get("name").asText()).isEqualTo("payments-db.internal");
    assertThat(sub.get("namespace").asText()).isEqualTo("remote");
    assertThat(sub.get("id").asText()).isEqualTo(call.clientSpanId());
    assertThat(URI.create(sub.at("/http/request/url").asText()).getHost())
        .isEqualTo("payments-db.internal");
  }

  @Test
  void aCallToAnAwsServiceIsAnAwsSubsegmentNamedAfterTheService() throws Exception {
    SimulatedRequest call = first("order-service", "appconfigdata.us-east-1.amazonaws.com");
    List<String> docs = renderer.documents(call);

    assertThat(docs).hasSize(1);
    JsonNode sub = JSON.readTree(docs.get(0)).get("subsegments").get(0);
    assertThat(sub.get("namespace").asText()).isEqualTo("aws");
    assertThat(sub.get("name").asText()).isEqualTo("AppConfigData");
    assertThat(sub.at("/aws/operation").asText()).isEqualTo("GetLatestConfiguration");
    assertThat(sub.at("/aws/region").asText()).isEqualTo("us-east-1");
    assertThat(renderer.calleeType(call.to())).contains("AWS::AppConfigData");
  }

  @Test
  void aRequestFromOutsideIsTheCalleesRootSegment() throws Exception {
    SegmentRenderer onlyTheLedger =
        new SegmentRenderer(WorkloadOrigins.of(Map.of("ledger", WorkloadOrigins.ECS)));
    SimulatedRequest call = first("order-service", "payment-service");
    SimulatedRequest fromOutside =
        new SimulatedRequest(
            "internet",
            "ledger",
            call.start(),
            call.duration(),
            429,
            "GET",
            "/ledger",
            0,
            10,
            call.traceId(),
            call.clientSpanId(),
            call.serverSpanId(),
            call.requestId());

    List<String> docs = onlyTheLedger.documents(fromOutside);

    assertThat(docs).hasSize(1);
    JsonNode root = JSON.readTree(docs.get(0));
    assertThat(root.has("parent_id")).isFalse();
    assertThat(root.get("origin").asText()).isEqualTo(WorkloadOrigins.ECS);
    assertThat(root.get("error").asBoolean()).isTrue();
    assertThat(root.get("throttle").asBoolean()).isTrue();
  }

  @Test
  void theSameRequestRendersTheSameDocumentsAndIdsAreUnique() {
    Map<String, Integer> ids = new HashMap<>();
    for (SimulatedRequest r : minute.subList(0, 2_000)) {
      assertThat(renderer.documents(r)).isEqualTo(renderer.documents(r));
      ids.merge(SegmentRenderer.callerSegmentId(r), 1, Integer::sum);
      ids.merge(r.serverSpanId(), 1, Integer::sum);
    }
    assertThat(ids.values()).allMatch(n -> n == 1);
  }

  private static SimulatedRequest first(String from, String to) {
    return minute.stream()
        .filter(r -> r.from().equals(from) && r.to().equals(to))
        .findFirst()
        .orElseThrow();
  }

  private static org.assertj.core.data.Offset<Double> within(double d) {
    return org.assertj.core.data.Offset.offset(d);
  }
}
