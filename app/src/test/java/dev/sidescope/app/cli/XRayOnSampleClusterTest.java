package dev.sidescope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sidescope.app.runtime.SidescopeRuntime;
import dev.sidescope.collectors.aws.AwsEnvironment;
import dev.sidescope.collectors.xray.api.XRaySettings;
import dev.sidescope.samples.aws.SampleAwsEndpoint;
import dev.sidescope.samples.folder.BuiltInSamples;
import dev.sidescope.samples.folder.SampleCluster;
import dev.sidescope.samples.folder.SampleClusterFolder;
import dev.sidescope.samples.folder.TrafficFlow;
import dev.sidescope.samples.traffic.TrafficSimulator;
import dev.sidescope.samples.xray.WorkloadOrigins;
import dev.sidescope.topology.model.Edge;
import dev.sidescope.topology.model.Evidence;
import dev.sidescope.topology.model.Grouping;
import dev.sidescope.topology.model.Observations;
import dev.sidescope.topology.model.OverlayKeys;
import dev.sidescope.topology.model.SourceState;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.topology.model.traffic.Trace;
import dev.sidescope.topology.model.traffic.TraceSubject;
import dev.sidescope.topology.model.traffic.TraceSummary;
import dev.sidescope.topology.source.TraceQueries;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production X-Ray API source (AWS SDK, url-connection client) reading the sample cluster's AWS
 * endpoint, which serves X-Ray from the seed's simulated traffic, into the one runtime beside the
 * seed's manifests: what the demo shows on its arrows.
 */
class XRayOnSampleClusterTest {
  @TempDir Path home;
  private SampleAwsEndpoint endpoint;
  private SidescopeRuntime runtime;

  @AfterEach
  void stop() {
    if (runtime != null) {
      runtime.close();
    }
    if (endpoint != null) {
      endpoint.stop();
    }
  }

  private TrafficFlow flow(SampleCluster sample, String from, String to) {
    return sample.traffic().stream()
        .filter(f -> f.from().equals(from) && f.to().equals(to))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void theSeedsTracedCallsLandOnItsArrowsWithTheirRatesAndPercentiles() throws Exception {
    Path seed = BuiltInSamples.folder("seed").orElseThrow();
    SampleCluster sample = SampleClusterFolder.read(seed);
    endpoint = SampleAwsEndpoint.forSample(seed).start();
    // Four minutes of the seed's traffic, ending now, as X-Ray's window reaches back from now.
    Instant now = Instant.now();
    TrafficSimulator traffic = new TrafficSimulator(sample.traffic(), 7, now.minusSeconds(240));
    endpoint.serveTraffic(traffic, WorkloadOrigins.of(sample, endpoint.ecsServices()));
    traffic.advanceTo(now);

    Map<String, String> env = new HashMap<>(endpoint.environment());
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    XRaySettings settings =
        XRaySettings.builder().environment(AwsEnvironment.of(env, home)).build();

    runtime = SidescopeRuntime.create(Grouping.WORKLOAD, Clock.systemUTC());
    runtime.publishOnce("manifests", manifests(seed));
    runtime.add(runtime.xrayApi(settings).available().orElseThrow());
    TopologySnapshot snapshot = runtime.awaitDiscovery(Duration.ofSeconds(30)).orElseThrow();

    assertThat(snapshot.sources())
        .filteredOn(s -> s.id().startsWith("xray/"))
        .singleElement()
        .satisfies(s -> assertThat(s.status()).isEqualTo(SourceState.LIVE));
    List<Edge> traced =
        snapshot.edges().stream().filter(e -> e.evidence().contains(Evidence.XRAY)).toList();
    assertThat(traced).isNotEmpty();

    // order-service -> payment-service: 25 rps, p50 41, p90 95, p99 180 ms in the model. At
    // workload grouping the pods' shares add back up to X-Ray's figure for the service.
    TrafficFlow pay = flow(sample, "order-service", "payment-service");
    Edge toPayment =
        traced.stream()
            .filter(e -> e.to().contains("payment-service"))
            .filter(e -> e.from().contains("order-service"))
            .filter(e -> e.metrics().rps().isPresent())
            .reduce(
                (a, b) ->
                    a.metrics().rps().getAsDouble() >= b.metrics().rps().getAsDouble() ? a : b)
            .orElseThrow(() -> new AssertionError("no traced arrow to payment-service: " + traced));
    double rps =
        traced.stream()
            .filter(e -> e.to().equals(toPayment.to()) && e.from().contains("order-service"))
            .mapToDouble(e -> e.metrics().rps().orElse(0))
            .sum();
    assertThat(rps).isCloseTo(pay.rps(), within(pay.rps() * 0.15));
    assertThat(toPayment.metrics().p50Ms().getAsDouble())
        .isCloseTo(pay.p50Ms(), within(pay.p50Ms() * 0.25));
    assertThat(toPayment.metrics().p99Ms().getAsDouble())
        .isCloseTo(pay.p99Ms(), within(pay.p99Ms() * 0.35));
    assertThat(toPayment.metrics().errorRate()).isPresent();

    // The console asks the same source about a selection.
    assertThat(snapshot.overlays().all(OverlayKeys.TRACED_NAME)).containsValue("order-service");
    TraceQueries questions = runtime.tracing();
    List<TraceSummary> slowest =
        questions
            .traces(TraceSubject.service("payment-service"), TraceQueries.TraceFilter.SLOWEST, 5)
            .get(30, TimeUnit.SECONDS);
    assertThat(slowest).isNotEmpty();
    assertThat(slowest.get(0).duration())
        .isGreaterThanOrEqualTo(slowest.get(slowest.size() - 1).duration());
    Optional<Trace> trace = questions.trace(slowest.get(0).id()).get(30, TimeUnit.SECONDS);
    assertThat(trace).hasValueSatisfying(t -> assertThat(t.spans()).hasSizeGreaterThanOrEqualTo(2));
  }

  private static Observations manifests(Path folder) throws Exception {
    StringWriter err = new StringWriter();
    return ManifestSnapshots.observations(List.of(folder), new PrintWriter(err)).observations();
  }
}
