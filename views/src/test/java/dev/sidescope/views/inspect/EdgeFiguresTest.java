package dev.sidescope.views.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.testing.SeedSample;
import dev.sidescope.topology.model.Edge;
import dev.sidescope.topology.model.EdgeKind;
import dev.sidescope.topology.model.EdgeMetrics;
import dev.sidescope.topology.model.Evidence;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.topology.model.proxy.UpstreamHealth;
import dev.sidescope.topology.picture.TopologyPicture;
import dev.sidescope.views.testing.ProxiedSeed;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The inspector writes each figure of an arrow with the source that measured it. */
class EdgeFiguresTest {
  private static final TopologySnapshot PROXIED = ProxiedSeed.proxied(SeedSample.snapshot());

  private static Edge plain() {
    return new Edge(
        "a", "b", EdgeKind.UPSTREAM, Set.of(Evidence.MANIFEST), Optional.empty(), EdgeMetrics.NONE);
  }

  private static EdgeMetrics figures(double rps, double p99, double errors) {
    return new EdgeMetrics(
        OptionalDouble.of(rps),
        OptionalDouble.empty(),
        OptionalDouble.empty(),
        OptionalDouble.of(p99),
        OptionalDouble.of(errors));
  }

  @Test
  void twoSourcesGiveOneLinePerFigureEachWithItsSource() {
    Edge e =
        plain()
            .measured(Evidence.XRAY, figures(25.1, 176, 0.021), Optional.empty())
            .measured(Evidence.ENVOY, figures(24.8, 182, 0.03), Optional.empty());
    assertThat(EdgeFigures.lines(e))
        .containsExactly(
            "rps 24.8 (Envoy) · 25.1 (X-Ray)",
            "p99 182 ms (Envoy) · 176 ms (X-Ray)",
            "errors 3.0% (Envoy) · 2.1% (X-Ray)");
  }

  @Test
  void oneSourceGivesOneLineNamingIt() {
    Edge e = plain().measured(Evidence.XRAY, figures(3, 640, 0), Optional.empty());
    assertThat(EdgeFigures.lines(e)).containsExactly("3 rps · p99 640 ms (X-Ray)");
  }

  @Test
  void whatOnlyTheProxyKnowsComesLastAndLeavesOutWhatIsNotHappening() {
    Edge e =
        plain()
            .measured(
                Evidence.ENVOY,
                figures(24.8, 182, 0),
                Optional.of(new UpstreamHealth(3, 3, 0, 1, 0, 0)));
    assertThat(EdgeFigures.lines(e))
        .containsExactly(
            "24.8 rps · p99 182 ms (Envoy)", "hosts 3/3 healthy · 1 connection · 0 retries/s");
    assertThat(EdgeFigures.upstream(ProxiedSeed.PAYMENT_HEALTH))
        .isEqualTo(
            "hosts 2/3 healthy · 1 ejected · 4 connections · 0.2 retries/s · 1 circuit breaker open");
  }

  @Test
  void anArrowNoSourceMeasuredHasNoFigures() {
    assertThat(EdgeFigures.lines(plain())).isEmpty();
  }

  @Test
  void theInspectorsArrowsOutShowEachFigureWithItsSource() {
    Inspection i =
        InspectorModel.of(PROXIED, TopologyPicture.of(PROXIED), SeedSample.ORDER_POD).orElseThrow();
    Inspection.Section out =
        i.sections().stream().filter(s -> s.title().equals("Arrows out")).findFirst().orElseThrow();
    String payment =
        out.rows().stream()
            .map(Inspection.Row::value)
            .filter(v -> v.contains("rps 24.8 (Envoy)"))
            .findFirst()
            .orElseThrow();
    assertThat(payment.lines())
        .contains(
            "rps 24.8 (Envoy) · 25.1 (X-Ray)",
            "p99 182 ms (Envoy) · 176 ms (X-Ray)",
            "hosts 2/3 healthy · 1 ejected · 4 connections · 0.2 retries/s · 1 circuit breaker open");
    assertThat(payment.lines().findFirst().orElseThrow()).contains("envoy").contains("xray");
  }

  @Test
  void theNodeAnArrowReachesListsItWithEachFigureAndItsSource() {
    Edge measured =
        PROXIED.edges().stream().filter(e -> !e.measuredBy().isEmpty()).findFirst().orElseThrow();
    TopologyPicture picture = TopologyPicture.of(PROXIED);
    assertThat(picture.outside()).anyMatch(n -> n.id().equals(measured.to()));
    Inspection i = InspectorModel.of(PROXIED, picture, measured.to()).orElseThrow();
    String from =
        i.sections().get(0).rows().stream()
            .map(Inspection.Row::value)
            .filter(v -> v.startsWith("from envoy") && v.contains("(Envoy)"))
            .findFirst()
            .orElseThrow();
    assertThat(from.lines().findFirst().orElseThrow())
        .isEqualTo("from envoy (manifest, envoy, xray) — mTLS STRICT");
    assertThat(from.lines())
        .contains(
            "rps 24.8 (Envoy) · 25.1 (X-Ray)",
            "hosts 2/3 healthy · 1 ejected · 4 connections · 0.2 retries/s · 1 circuit breaker open");
  }
}
