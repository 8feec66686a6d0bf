package dev.sidescope.samples.envoy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sidescope.samples.folder.TrafficFlow;
import dev.sidescope.samples.traffic.SimulatedRequest;
import dev.sidescope.samples.xray.SegmentRenderer;
import dev.sidescope.samples.xray.WorkloadOrigins;
import dev.sidescope.samples.xray.XRayRecorder;
import dev.sidescope.topology.model.traffic.CallStats;
import dev.sidescope.topology.model.traffic.TracedCall;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnvoyCountersTest {
  private static final String PAYMENT = "cds_egress_my-mesh_payment-service_shop_http_8080";

  @Test
  void countersStayAtZeroUntilTheTrafficMoves() throws Exception {
    BuiltInEnvoys seed = BuiltInEnvoys.of("seed");
    EnvoyReading before = seed.read(seed.sidecarOf("order-service-"));

    assertThat(before.value("cluster." + PAYMENT + ".upstream_rq_total")).isZero();
    assertThat(before.value("server.live")).isEqualTo(1);
    assertThat(before.histograms())
        .filteredOn(h -> h.name().equals("cluster." + PAYMENT + ".upstream_rq_time"))
        .singleElement()
        .satisfies(h -> assertThat(h.used()).isFalse());
  }

  @Test
  void eachRequestCountsOnceInTheCallersEnvoyAndOnceInTheCallees() throws Exception {
    BuiltInEnvoys seed = BuiltInEnvoys.of("seed");
    List<SimulatedRequest> heard = new ArrayList<>();
    seed.traffic().addListener(heard::add);
    seed.traffic().advanceTo(BuiltInEnvoys.ORIGIN.plus(Duration.ofSeconds(30)));

    List<SimulatedRequest> toPayment =
        heard.stream().filter(r -> r.to().equals("payment-service")).toList();
    long faults = toPayment.stream().filter(SimulatedRequest::isFault).count();
    long outbound = 0;
    long outbound5xx = 0;
    long inbound = 0;
    for (EnvoySidecar s : seed.envoys().sidecars()) {
      EnvoyReading r = seed.read(s);
      if (s.pod().startsWith("order-service-")) {
        outbound += r.value("cluster." + PAYMENT + ".upstream_rq_total");
        outbound5xx += r.value("cluster." + PAYMENT + ".upstream_rq_5xx");
      } else {
        inbound += r.value("cluster." + s.localApp().name() + ".upstream_rq_total");
      }
    }
    assertThat(toPayment).isNotEmpty();
    assertThat(outbound).isEqualTo(toPayment.size());
    assertThat(outbound5xx).isEqualTo(faults);
    assertThat(inbound).isEqualTo(toPayment.size());
  }

  @Test
  void aWorkloadsPodsShareItsRequestsAndAddUpToTheFlowsRate() throws Exception {
    BuiltInEnvoys seed = BuiltInEnvoys.of("seed");
    Duration run = Duration.ofMinutes(5);
    seed.traffic().advanceTo(BuiltInEnvoys.ORIGIN.plus(run));
    TrafficFlow flow = flow(seed, "order-service", "payment-service");

    List<Long> perPod = new ArrayList<>();
    for (EnvoySidecar s : seed.envoys().sidecars()) {
      if (s.pod().startsWith("order-service-")) {
        perPod.add(seed.read(s).value("cluster." + PAYMENT + ".upstream_rq_total"));
      }
    }
    long total = perPod.stream().mapToLong(Long::longValue).sum();

    assertThat(perPod).hasSize(3);
    assertThat(total / (double) run.toSeconds()).isCloseTo(flow.rps(), within(flow.rps() * 0.1));
    for (long pod : perPod) {
      assertThat((double) pod).isCloseTo(total / 3.0, within(total / 3.0 * 0.1));
    }
  }

  @Test
  void aNamesTasksOnEcsTakeTheirShareOfItsRequestsPastEveryEnvoy() throws Exception {
    // The seed's order-service runs as 3 pods and 2 ECS tasks: tracing splits its calls over all
    // five, so its pods' Envoys see three fifths of them.
    BuiltInEnvoys seed = BuiltInEnvoys.of("seed", java.util.Map.of("order-service", 2));
    Duration run = Duration.ofMinutes(5);
    seed.traffic().advanceTo(BuiltInEnvoys.ORIGIN.plus(run));
    TrafficFlow flow = flow(seed, "order-service", "payment-service");

    long total = 0;
    for (EnvoySidecar s : seed.envoys().sidecars()) {
      if (s.pod().startsWith("order-service-")) {
        total += seed.read(s).value("cluster." + PAYMENT + ".upstream_rq_total");
      }
    }

    double share = flow.rps() * 3 / 5;
    assertThat(total / (double) run.toSeconds()).isCloseTo(share, within(share * 0.1));
  }

  @Test
  void envoyAgreesWithXRayOnRateP99AndErrorRate() throws Exception {
    BuiltInEnvoys seed = BuiltInEnvoys.of("seed");
    XRayRecorder xray = new XRayRecorder(new SegmentRenderer(WorkloadOrigins.byName()));
    seed.traffic().addListener(xray);
    Instant end = BuiltInEnvoys.ORIGIN.plus(Duration.ofMinutes(20));
    seed.traffic().advanceTo(end);
    TracedCall call =
        xray.graph(BuiltInEnvoys.ORIGIN, end).calls().stream()
            .filter(c -> c.caller().equals("order-service") && c.callee().equals("payment-service"))
            .findFirst()
            .orElseThrow();
    CallStats traced = call.stats();

    long requests = 0;
    long errors = 0;
    for (EnvoySidecar s : seed.envoys().sidecars()) {
      if (s.pod().startsWith("order-service-")) {
        EnvoyReading r = seed.read(s);
        requests += r.value("cluster." + PAYMENT + ".upstream_rq_total");
        errors += r.value("cluster." + PAYMENT + ".upstream_rq_5xx");
        double p99 = quantile(r, "cluster." + PAYMENT + ".upstream_rq_time", 99.0);
        assertThat(p99)
            .as("p99 of %s", s.pod())
            .isCloseTo(traced.p99Ms().orElseThrow(), within(traced.p99Ms().orElseThrow() * 0.1));
      }
    }
    double envoyRps = requests / (double) Duration.between(BuiltInEnvoys.ORIGIN, end).toSeconds();
    assertThat(envoyRps)
        .isCloseTo(traced.rps().orElseThrow(), within(traced.rps().orElseThrow() * 0.1));
    assertThat(errors / (double) requests)
        .isCloseTo(
            traced.errorRate().orElseThrow(),
            within(Math.max(0.001, traced.errorRate().orElseThrow() * 0.1)));
  }

  @Test
  void theIntervalValuesCoverOnlyTheLastFlushPeriod() throws Exception {
    BuiltInEnvoys seed = BuiltInEnvoys.of("seed");
    EnvoySidecar order = seed.sidecarOf("order-service-");
    String name = "cluster." + PAYMENT + ".upstream_rq_time";
    seed.traffic().advanceTo(BuiltInEnvoys.ORIGIN.plus(Duration.ofSeconds(12)));
    EnvoyHistogram busy = histogram(seed.read(order), name);

    // A reading long after the last request: the last flush period recorded nothing.
    EnvoyHistogram quiet =
        histogram(
            seed.counters().read(order, BuiltInEnvoys.ORIGIN.plus(Duration.ofSeconds(40))), name);

    assertThat(busy.interval()).hasSize(EnvoyHistogram.QUANTILES.size());
    assertThat(quiet.interval()).isEmpty();
    assertThat(quiet.cumulative()).isEqualTo(busy.cumulative());
  }

  @Test
  void theBrokenSamplesRefundsEnvoysEjectLedgersPod() throws Exception {
    BuiltInEnvoys broken = BuiltInEnvoys.of("broken");
    broken.traffic().advanceTo(BuiltInEnvoys.ORIGIN.plus(Duration.ofMinutes(5)));

    long ejected = 0;
    List<EnvoySidecar> refunds =
        broken.envoys().sidecars().stream().filter(s -> s.pod().startsWith("refunds-")).toList();
    assertThat(refunds).hasSize(2);
    for (EnvoySidecar s : refunds) {
      EnvoyReading r = broken.read(s);
      long active = r.value("cluster.ledger.outlier_detection.ejections_active");
      ejected += active;
      assertThat(r.value("cluster.ledger.outlier_detection.ejections_total")).isPositive();
      EnvoyReading.HostStatus host =
          r.clusters().stream()
              .filter(c -> c.name().equals("ledger"))
              .findFirst()
              .orElseThrow()
              .hosts()
              .get(0);
      assertThat(host.failedOutlierCheck()).isEqualTo(active > 0);
      assertThat(r.value("cluster.ledger.membership_healthy")).isEqualTo(1 - active);
    }
    assertThat(ejected).as("ledger ejected by some refunds Envoy").isPositive();
  }

  @Test
  void aFlowThatRarelyFailsEjectsNothing() throws Exception {
    BuiltInEnvoys seed = BuiltInEnvoys.of("seed");
    seed.traffic().advanceTo(BuiltInEnvoys.ORIGIN.plus(Duration.ofMinutes(5)));

    for (EnvoySidecar s : seed.envoys().sidecars()) {
      EnvoyReading r = seed.read(s);
      assertThat(r.stats())
          .filteredOn(st -> st.name().endsWith("outlier_detection.ejections_total"))
          .allSatisfy(st -> assertThat(st.value()).isZero());
    }
  }

  private static TrafficFlow flow(BuiltInEnvoys sample, String from, String to) {
    return sample.sample().traffic().stream()
        .filter(f -> f.from().equals(from) && f.to().equals(to))
        .findFirst()
        .orElseThrow();
  }

  private static EnvoyHistogram histogram(EnvoyReading reading, String name) {
    return reading.histograms().stream()
        .filter(h -> h.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static double quantile(EnvoyReading reading, String name, double q) {
    return histogram(reading, name).cumulative().get(EnvoyHistogram.QUANTILES.indexOf(q));
  }
}
