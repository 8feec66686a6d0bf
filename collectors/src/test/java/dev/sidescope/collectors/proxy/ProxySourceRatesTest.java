package dev.sidescope.collectors.proxy;

import static dev.sidescope.collectors.proxy.FakeEnvoy.PAYMENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sidescope.collectors.testing.RecordingSink;
import dev.sidescope.testing.time.ManualClock;
import dev.sidescope.topology.model.OverlayData;
import dev.sidescope.topology.model.OverlayKeys;
import dev.sidescope.topology.model.SourceState;
import dev.sidescope.topology.model.proxy.ProxyReading;
import dev.sidescope.topology.model.proxy.UpstreamHealth;
import dev.sidescope.topology.model.proxy.UpstreamReading;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rates, error rates, percentiles and health worked out from two polls of an Envoy admin API on
 * loopback whose counters grow between them, over the seconds a manual clock says passed.
 */
class ProxySourceRatesTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2026-12-07T10:00:00Z"));
  private FakeEnvoy envoy;
  private ProxySource source;
  private ProxyTarget target;

  @BeforeEach
  void open() throws Exception {
    envoy = new FakeEnvoy();
    source = new ProxySource(new RecordingSink(), ProxySettings.commandLine().withClock(clock));
    target = ProxyTarget.direct(ProxyTarget.Kind.ENVOY, envoy.url());
    source.targets(List.of(target));
  }

  @AfterEach
  void close() {
    source.close();
    envoy.close();
  }

  private ProxyReading poll() {
    OverlayData data = source.pollNow();
    return data.get(target.subject(), OverlayKeys.PROXY_READINGS).orElseThrow();
  }

  private static UpstreamReading payment(ProxyReading reading) {
    return reading.upstreams().stream()
        .filter(u -> u.cluster().equals(PAYMENT))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void theFirstPollIsMeasuringWithNoRatesButWithHostsAndTheServer() {
    ProxyReading first = poll();

    assertThat(first.measuring()).isTrue();
    assertThat(first.kind()).isEqualTo("envoy");
    assertThat(first.admin()).isEqualTo(envoy.url().toString());
    assertThat(first.server().name()).isEqualTo("front-proxy");
    assertThat(first.server().live()).isTrue();
    assertThat(first.upstreams())
        .extracting(UpstreamReading::cluster)
        .containsExactly(PAYMENT, "xds-grpc");
    UpstreamReading payment = payment(first);
    assertThat(payment.metrics().isEmpty()).isTrue();
    assertThat(payment.health().healthyHosts()).isEqualTo(2);
    assertThat(payment.health().totalHosts()).isEqualTo(3);
    assertThat(source.status().status()).isEqualTo(SourceState.LIVE);
    assertThat(source.status().message())
        .hasValue("Reading 1 Envoy sidecar every 5 s; measuring: rates after the next poll.");
  }

  @Test
  void theSecondPollGivesRatesOverTheSecondsBetweenThePolls() {
    poll();
    envoy.advance(
        Map.of(
            "upstream_rq_total", 50L,
            "upstream_rq_completed", 50L,
            "upstream_rq_2xx", 45L,
            "upstream_rq_4xx", 2L,
            "upstream_rq_5xx", 3L,
            "upstream_rq_retry", 5L));
    clock.advance(Duration.ofSeconds(5));

    ProxyReading second = poll();
    UpstreamReading payment = payment(second);

    assertThat(second.measuring()).isFalse();
    assertThat(payment.metrics().rps()).hasValue(10.0);
    assertThat(payment.metrics().errorRate().getAsDouble()).isCloseTo(0.1, within(1e-9));
    assertThat(payment.clientErrorsPerSecond()).isCloseTo(0.4, within(1e-9));
    assertThat(payment.serverErrorsPerSecond()).isCloseTo(0.6, within(1e-9));
    assertThat(payment.metrics().p50Ms()).as("the interval's P50").hasValue(12.0);
    assertThat(payment.metrics().p99Ms()).as("the cumulative P99: interval is nan").hasValue(180.0);
    assertThat(payment.metrics().p90Ms()).hasValue(90.0);
    UpstreamHealth health = payment.health();
    assertThat(health.healthyHosts()).isEqualTo(2);
    assertThat(health.totalHosts()).isEqualTo(3);
    assertThat(health.ejectedHosts()).isEqualTo(1);
    assertThat(health.activeConnections()).isEqualTo(2);
    assertThat(health.retriesPerSecond()).isCloseTo(1.0, within(1e-9));
    assertThat(health.openCircuitBreakers()).isEqualTo(1);
    assertThat(source.status().message()).hasValue("Reading 1 Envoy sidecar every 5 s.");
  }

  @Test
  void requestsWithNoFailureGiveAnErrorRateOfZeroAndNoRequestsNone() {
    poll();
    envoy.advance(
        Map.of("upstream_rq_total", 20L, "upstream_rq_completed", 20L, "upstream_rq_2xx", 20L));
    clock.advance(Duration.ofSeconds(4));
    assertThat(payment(poll()).metrics().errorRate()).hasValue(0.0);

    clock.advance(Duration.ofSeconds(5));
    UpstreamReading idle = payment(poll());
    assertThat(idle.metrics().rps()).hasValue(0.0);
    assertThat(idle.metrics().errorRate()).isEmpty();
  }

  @Test
  void aCounterThatWentDownMeansEnvoyRestartedAndItsNewValueIsTheGrowth() {
    poll();
    envoy.set(
        Map.of(
            "upstream_rq_total", 15L,
            "upstream_rq_completed", 15L,
            "upstream_rq_2xx", 12L,
            "upstream_rq_4xx", 0L,
            "upstream_rq_5xx", 3L,
            "upstream_rq_retry", 0L));
    clock.advance(Duration.ofSeconds(5));

    UpstreamReading payment = payment(poll());

    assertThat(payment.metrics().rps()).hasValue(3.0);
    assertThat(payment.metrics().errorRate().getAsDouble()).isCloseTo(0.2, within(1e-9));
    assertThat(payment.health().retriesPerSecond()).isZero();
  }

  @Test
  void anIntervalPercentileIsPreferredToTheCumulativeOne() {
    poll();
    envoy.p99Interval = "42.5";
    envoy.advance(
        Map.of("upstream_rq_total", 5L, "upstream_rq_completed", 5L, "upstream_rq_2xx", 5L));
    clock.advance(Duration.ofSeconds(5));

    assertThat(payment(poll()).metrics().p99Ms()).hasValue(42.5);
  }

  @Test
  void onlyTheClustersStatsAreAskedForWithEnvoysPartialMatchFilter() {
    poll();

    assertThat(envoy.requests)
        .filteredOn(r -> r.path().equals("/stats"))
        .singleElement()
        .satisfies(
            r ->
                assertThat(URLDecoder.decode(r.query(), StandardCharsets.UTF_8))
                    .isEqualTo("usedonly&filter=^cluster\\."));
  }
}
