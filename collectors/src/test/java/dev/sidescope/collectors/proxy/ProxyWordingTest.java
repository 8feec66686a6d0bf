package dev.sidescope.collectors.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProxyWordingTest {
  private static final Duration FIVE = Duration.ofSeconds(5);

  @Test
  void envoyAndLinkerdSidecarsAreCountedByKindAndLinkerdsLimitIsSaid() {
    assertThat(
            ProxyWording.status(
                Map.of(ProxyTarget.Kind.ENVOY, 4, ProxyTarget.Kind.LINKERD, 2),
                List.of(),
                false,
                FIVE,
                0,
                500,
                0))
        .isEqualTo(
            "Reading 4 Envoy and 2 Linkerd sidecars every 5 s (Linkerd: requests and latency only).");
  }

  @Test
  void beyondThreeSilentSidecarsTheRestAreCounted() {
    List<ProxyWording.Silent> silent =
        List.of(
            new ProxyWording.Silent("shop/a", "connection refused"),
            new ProxyWording.Silent("shop/b", "no answer within 2 s"),
            new ProxyWording.Silent("shop/c", "its /server_info is not JSON"),
            new ProxyWording.Silent("shop/d", "connection refused"),
            new ProxyWording.Silent("shop/e", "connection refused"));
    assertThat(
            ProxyWording.status(Map.of(ProxyTarget.Kind.ENVOY, 6), silent, false, FIVE, 0, 500, 0))
        .isEqualTo(
            "5 of 6 Envoy sidecars not answering: shop/a: connection refused;"
                + " shop/b: no answer within 2 s; shop/c: its /server_info is not JSON; and 2 more.");
    assertThat(
            ProxyWording.status(Map.of(ProxyTarget.Kind.ENVOY, 5), silent, false, FIVE, 0, 500, 0))
        .startsWith("None of the 5 Envoy sidecars is answering: shop/a: connection refused;");
  }

  @Test
  void onlyEcsProxiesSayOnlyThat() {
    assertThat(ProxyWording.status(Map.of(), List.of(), false, FIVE, 0, 500, 2))
        .isEqualTo(
            "2 Envoy sidecars on ECS cannot be reached from this machine; X-Ray covers their traffic.");
    assertThat(ProxyWording.status(Map.of(), List.of(), false, FIVE, 0, 500, 0))
        .isEqualTo("No proxy sidecars to read.");
  }

  @Test
  void intervalsReadAsAPersonWritesThem() {
    assertThat(ProxyWording.seconds(Duration.ofSeconds(5))).isEqualTo("5 s");
    assertThat(ProxyWording.seconds(Duration.ofMillis(2500))).isEqualTo("2.5 s");
    assertThat(ProxyWording.seconds(Duration.ofMillis(300))).isEqualTo("300 ms");
  }
}
