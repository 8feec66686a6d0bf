package dev.sidescope.collectors.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.collectors.testing.RecordingSink;
import dev.sidescope.testing.time.ManualClock;
import dev.sidescope.topology.model.OverlayData;
import dev.sidescope.topology.model.OverlayKeys;
import dev.sidescope.topology.model.SourceState;
import dev.sidescope.topology.model.proxy.ProxyReading;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Sidecars that refuse, hang or print garbage mark only themselves; the others publish. Targets
 * replaced between rounds are read from the next round on, and those gone are forgotten.
 */
class ProxySourceRobustnessTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2026-12-07T10:00:00Z"));
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  private FakeEnvoy envoy() throws Exception {
    FakeEnvoy e = new FakeEnvoy();
    open.add(e);
    return e;
  }

  private ProxySource source(Duration timeout) {
    ProxySource s =
        new ProxySource(
            new RecordingSink(), ProxySettings.commandLine().withClock(clock).withTimeout(timeout));
    open.add(0, s);
    return s;
  }

  private static ProxyTarget target(FakeEnvoy e) {
    return ProxyTarget.direct(ProxyTarget.Kind.ENVOY, e.url());
  }

  @Test
  void aHangingAndAGarbageAdminMarkOnlyThemselvesAndTheRestPublish() throws Exception {
    FakeEnvoy good = envoy();
    FakeEnvoy hanging = envoy();
    FakeEnvoy garbage = envoy();
    hanging.mode = FakeEnvoy.Mode.HANG;
    garbage.mode = FakeEnvoy.Mode.GARBAGE;
    ProxySource source = source(Duration.ofSeconds(1));
    source.targets(List.of(target(good), target(hanging), target(garbage)));

    long started = System.nanoTime();
    OverlayData data = source.pollNow();
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(data.all(OverlayKeys.PROXY_READINGS)).containsOnlyKeys(target(good).subject());
    assertThat(source.status().status()).isEqualTo(SourceState.DEGRADED);
    assertThat(source.status().message().orElseThrow())
        .startsWith("2 of 3 Envoy sidecars not answering: ")
        .contains(hanging.url() + ": no answer within 1 s")
        .contains(garbage.url() + ": its /server_info is not JSON")
        .doesNotContain(good.url().toString())
        .doesNotContain("Exception");
    assertThat(took)
        .as("a hanging sidecar holds the round no longer than its timeout allows")
        .isLessThan(Duration.ofSeconds(8));
  }

  @Test
  void aRefusingAdminIsConnectionRefusedAndAloneItTakesTheSourceDown() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    URI gone = URI.create("http://127.0.0.1:" + port);
    ProxySource source = source(Duration.ofSeconds(2));
    source.targets(List.of(ProxyTarget.direct(ProxyTarget.Kind.ENVOY, gone)));

    assertThat(source.pollNow().all(OverlayKeys.PROXY_READINGS)).isEmpty();
    assertThat(source.status().status()).isEqualTo(SourceState.DOWN);
    assertThat(source.status().message())
        .hasValue("The Envoy sidecar is not answering: " + gone + ": connection refused.");
  }

  @Test
  void aSidecarThatAnswersAgainIsReadAgain() throws Exception {
    FakeEnvoy flaky = envoy();
    ProxySource source = source(Duration.ofSeconds(2));
    source.targets(List.of(target(flaky)));
    source.pollNow();
    flaky.mode = FakeEnvoy.Mode.GARBAGE;
    clock.advance(Duration.ofSeconds(5));
    assertThat(source.pollNow().all(OverlayKeys.PROXY_READINGS)).isEmpty();

    flaky.mode = FakeEnvoy.Mode.ANSWER;
    flaky.advance(
        Map.of("upstream_rq_total", 100L, "upstream_rq_completed", 100L, "upstream_rq_2xx", 100L));
    clock.advance(Duration.ofSeconds(5));
    ProxyReading back =
        source.pollNow().get(target(flaky).subject(), OverlayKeys.PROXY_READINGS).orElseThrow();

    assertThat(back.measuring()).isFalse();
    assertThat(back.upstreams().get(0).metrics().rps())
        .as("the growth over the ten seconds since the last answer")
        .hasValue(10.0);
    assertThat(source.status().status()).isEqualTo(SourceState.LIVE);
  }

  @Test
  void replacedTargetsAreReadFromTheNextRoundAndGoneOnesAreForgotten() throws Exception {
    FakeEnvoy a = envoy();
    FakeEnvoy b = envoy();
    FakeEnvoy c = envoy();
    ProxySource source = source(Duration.ofSeconds(2));
    source.targets(List.of(target(a), target(b)));
    source.pollNow();

    source.targets(List.of(target(b), target(c)));
    long askedOfA = a.requests.size();
    clock.advance(Duration.ofSeconds(5));
    OverlayData data = source.pollNow();

    assertThat(data.all(OverlayKeys.PROXY_READINGS))
        .containsOnlyKeys(target(b).subject(), target(c).subject());
    assertThat(data.get(target(b).subject(), OverlayKeys.PROXY_READINGS).orElseThrow().measuring())
        .as("b keeps its counters")
        .isFalse();
    assertThat(data.get(target(c).subject(), OverlayKeys.PROXY_READINGS).orElseThrow().measuring())
        .isTrue();
    assertThat(a.requests).hasSize((int) askedOfA);

    source.targets(List.of(target(a)));
    clock.advance(Duration.ofSeconds(5));
    assertThat(
            source
                .pollNow()
                .get(target(a).subject(), OverlayKeys.PROXY_READINGS)
                .orElseThrow()
                .measuring())
        .as("a came back: its old counters were forgotten")
        .isTrue();
  }

  @Test
  void ecsProxiesAreCountedInTheStatusAndNotRead() throws Exception {
    FakeEnvoy a = envoy();
    ProxySource source = source(Duration.ofSeconds(2));
    source.targets(new ProxyTargets(List.of(target(a)), 3));

    source.pollNow();

    assertThat(source.status().message())
        .hasValue(
            "Reading 1 Envoy sidecar every 5 s; measuring: rates after the next poll."
                + " 3 Envoy sidecars on ECS cannot be reached from this machine;"
                + " X-Ray covers their traffic.");
  }

  @Test
  void beyondTheMostTargetsTheFirstBySubjectAreReadAndTheRestCounted() throws Exception {
    FakeEnvoy a = envoy();
    FakeEnvoy b = envoy();
    ProxySource source =
        new ProxySource(
            new RecordingSink(), ProxySettings.commandLine().withClock(clock).withMaxTargets(1));
    open.add(0, source);
    source.targets(
        List.of(
            new ProxyTarget(
                "shop/b/envoy", ProxyTarget.Kind.ENVOY, new ProxyTarget.Direct(b.url())),
            new ProxyTarget(
                "shop/a/envoy", ProxyTarget.Kind.ENVOY, new ProxyTarget.Direct(a.url()))));

    assertThat(source.pollNow().all(OverlayKeys.PROXY_READINGS)).containsOnlyKeys("shop/a/envoy");
    assertThat(b.requests).isEmpty();
    assertThat(source.status().message().orElseThrow())
        .endsWith(" 1 more proxy sidecar is not read: at most 1 are.");
  }

  @Test
  void aPodsPortWithNoKubernetesConnectionSaysSoForThatSidecarOnly() throws Exception {
    FakeEnvoy a = envoy();
    ProxySource source = source(Duration.ofSeconds(2));
    source.targets(
        List.of(
            target(a),
            ProxyTarget.podPort(
                "kubernetes/kind/shop/order-1/istio-proxy",
                ProxyTarget.Kind.ENVOY,
                "shop",
                "order-1",
                15000)));

    OverlayData data = source.pollNow();

    assertThat(data.all(OverlayKeys.PROXY_READINGS)).containsOnlyKeys(target(a).subject());
    assertThat(source.status().message())
        .hasValue(
            "1 of 2 Envoy sidecars not answering:"
                + " shop/order-1: no Kubernetes connection to port-forward through.");
  }
}
