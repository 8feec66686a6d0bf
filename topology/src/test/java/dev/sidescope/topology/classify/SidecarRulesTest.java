package dev.sidescope.topology.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sidescope.topology.model.SidecarKind;
import dev.sidescope.topology.model.Variant;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The sidecar table itself: complete, consistent, and its patterns read as documented. */
class SidecarRulesTest {

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = SidecarKind.class, names = "UNKNOWN", mode = EnumSource.Mode.EXCLUDE)
  void everyKindHasARow(SidecarKind kind) {
    assertThat(SidecarRules.STANDARD).anyMatch(rule -> rule.kind() == kind);
  }

  @Test
  void unknownHasNoRowBecauseItMeansNoRowMatched() {
    assertThat(SidecarRules.STANDARD).noneMatch(rule -> rule.kind() == SidecarKind.UNKNOWN);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "CLOUD_SQL_PROXY, AMBASSADOR",
    "EXPORTER, ADAPTER",
    "ISTIO_PROXY, SIDECAR",
    "APPMESH_ENVOY, SIDECAR",
    "LINKERD_PROXY, SIDECAR",
    "ENVOY, SIDECAR",
    "NGINX, SIDECAR",
    "FLUENT_BIT, SIDECAR",
    "XRAY_DAEMON, SIDECAR",
    "VAULT_AGENT, SIDECAR"
  })
  void everyRowOfAKindGivesTheKindsVariant(SidecarKind kind, Variant variant) {
    assertThat(SidecarRules.STANDARD)
        .filteredOn(rule -> rule.kind() == kind)
        .isNotEmpty()
        .allMatch(rule -> rule.variant() == variant);
  }

  static Stream<Arguments> rows() {
    return IntStream.range(0, SidecarRules.STANDARD.size())
        .mapToObj(
            row -> {
              Rule rule = SidecarRules.STANDARD.get(row);
              return Arguments.of("row " + row + " " + rule.kind().id(), rule);
            });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void everyRowHasEvidence(String row, Rule rule) {
    boolean hasEvidence =
        !rule.images().isEmpty()
            || !rule.names().isEmpty()
            || !rule.ports().isEmpty()
            || rule.addressEnv().isPresent()
            || rule.isDeclared();

    assertThat(hasEvidence).isTrue();
  }

  @ParameterizedTest(name = "{0} ~ {1} -> {2}")
  @CsvSource({
    "istio/proxyv2, docker.io/istio/proxyv2:1.22.0, true",
    "istio/proxyv2, gcr.io/istio-release/proxyv2:1.22.0, false",
    "*/proxyv2, gcr.io/istio-release/proxyv2:1.22.0, true",
    "*/proxyv2, 123456789012.dkr.ecr.us-east-1.amazonaws.com/proxyv2:1.22.0, true",
    "nginx, nginx:1.27, true",
    "nginx, bitnami/nginx:1.27, false",
    "envoyproxy/envoy*, envoyproxy/envoy-distroless:v1.29, true",
    "envoyproxy/envoy*, envoyproxy/ratelimit:master, false",
    "*/*-exporter, prom/statsd-exporter:v0.26.1, true",
    "*/*-exporter, prom/prometheus:v2.51.0, false",
    "*/*secretsmanager-agent*, acme/aws-secretsmanager-agent-fips:1, true"
  })
  void imagePatternMatchesRepositoriesAsDocumented(
      String pattern, String reference, boolean matches) {
    assertThat(ImagePattern.parse(pattern).matches(ImageReference.parse(reference)))
        .isEqualTo(matches);
  }

  @ParameterizedTest(name = "[{index}] \"{0}\"")
  @CsvSource({"*", "**", "a*b", "''"})
  void namePatternRejectsStarsInsideOrAlone(String glob) {
    assertThatThrownBy(() -> NamePattern.parse(glob)).isInstanceOf(IllegalArgumentException.class);
  }
}
