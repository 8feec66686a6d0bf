package dev.sidescope.views.find;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sidescope.topology.model.Severity;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FindQueryTest {
  private static final NodeFacts XRAY =
      new NodeFacts(
          "pod/xray-daemon",
          Set.of("xray-daemon", "order-service-5f7c9-x2k4q", "amazon/aws-xray-daemon:latest"),
          Optional.of("shop"),
          Optional.of("kubernetes"),
          Set.of("sidecar", "xray-daemon"),
          Set.of("SIDECAR_NOT_READY"),
          Optional.of(Severity.WARNING));
  private static final NodeFacts ECS_ENVOY =
      new NodeFacts(
          "task/envoy",
          Set.of("envoy"),
          Optional.of("prod"),
          Optional.of("ecs"),
          Set.of("sidecar", "appmesh-envoy"),
          Set.of(),
          Optional.empty());

  @ParameterizedTest(name = "{0} matches xray={1} ecsEnvoy={2}")
  @CsvSource({
    "'', true, true",
    "xray, true, false",
    "XRAY, true, false",
    "order, true, false",
    "ns:shop, true, false",
    "namespace:prod, false, true",
    "kind:envoy, false, true",
    "kind:sidecar, true, true",
    "finding:SIDECAR_NOT_READY, true, false",
    "finding:sidecar_not_ready, true, false",
    "finding:SIDECAR, true, false",
    "finding:sidecar_not, true, false",
    "finding:NOT_READY, false, false",
    "platform:ecs, false, true",
    "platform:kubernetes kind:sidecar, true, false",
    "-ns:shop, false, true",
    "'\"aws-xray-daemon:latest\"', true, false",
    "severity:warning, true, false",
    "severity:info, true, false",
    "severity:error, false, false",
    "SEVERITY:Warning, true, false",
    "severity:warn, true, false",
    "-severity:error, true, true",
    "-severity:warning, false, true",
    "has:finding, true, false",
    "HAS:FINDINGS, true, false",
    "-has:finding, false, true",
    "has:finding ns:shop, true, false",
    "has:finding ns:prod, false, false",
  })
  void queryShouldMatchTheNodesItDescribes(String text, boolean xray, boolean ecsEnvoy) {
    FindQuery query = FindQuery.parse(text);
    assertThat(query.matches(XRAY)).isEqualTo(xray);
    assertThat(query.matches(ECS_ENVOY)).isEqualTo(ecsEnvoy);
  }

  @Test
  void unknownKeyShouldBeRejectedWithTheKeysThatExist() {
    assertThatThrownBy(() -> FindQuery.parse("colour:red"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("colour:")
        .hasMessageContaining("ns:, kind:, finding:, severity:, has: or platform:");
  }

  @ParameterizedTest(name = "a node whose worst finding is {0} matches {1}: {2}")
  @CsvSource({
    "ERROR, severity:error, true",
    "ERROR, severity:warning, true",
    "ERROR, severity:info, true",
    "WARNING, severity:error, false",
    "WARNING, severity:warning, true",
    "WARNING, severity:info, true",
    "INFO, severity:error, false",
    "INFO, severity:warning, false",
    "INFO, severity:info, true",
    "INFO, has:finding, true",
  })
  void severityShouldMatchThatSeverityOrWorse(Severity worst, String text, boolean matches) {
    NodeFacts node =
        new NodeFacts(
            "pod/app",
            Set.of("app"),
            Optional.of("shop"),
            Optional.of("kubernetes"),
            Set.of("app"),
            Set.of("SOME_FINDING"),
            Optional.of(worst));
    assertThat(FindQuery.parse(text).matches(node)).isEqualTo(matches);
  }

  @Test
  void severityShouldTakeTheStartOfASeverityAndRejectOtherValues() {
    assertThat(FindQuery.parse("severity:e severity:WARN").terms())
        .containsExactly(
            new FindQuery.Term(FindQuery.Key.SEVERITY, "error", false),
            new FindQuery.Term(FindQuery.Key.SEVERITY, "warning", false));
    assertThatThrownBy(() -> FindQuery.parse("severity:critical"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("error, warning or info");
    assertThatThrownBy(() -> FindQuery.parse("severity:")).hasMessageContaining("needs a value");
  }

  @Test
  void hasShouldTakeFindingAndRejectOtherValues() {
    assertThat(FindQuery.parse("-has:f").terms())
        .containsExactly(new FindQuery.Term(FindQuery.Key.HAS, "finding", true));
    assertThatThrownBy(() -> FindQuery.parse("has:traffic"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has:finding");
  }

  @Test
  void keyWithoutValueShouldBeRejected() {
    assertThatThrownBy(() -> FindQuery.parse("ns:")).hasMessageContaining("needs a value");
  }

  @Test
  void unclosedQuoteShouldBeRejected() {
    assertThatThrownBy(() -> FindQuery.parse("\"order")).hasMessageContaining("quote");
  }

  @Test
  void blankTextShouldBeTheEmptyQuery() {
    assertThat(FindQuery.parse("   ").isEmpty()).isTrue();
  }

  @Test
  void wordsShouldBeSplitOnSpacesButNotInsideQuotes() {
    assertThat(FindQuery.parse("ns:shop \"two words\" -kind:envoy").terms())
        .containsExactly(
            new FindQuery.Term(FindQuery.Key.NS, "shop", false),
            new FindQuery.Term(FindQuery.Key.TEXT, "two words", false),
            new FindQuery.Term(FindQuery.Key.KIND, "envoy", true));
  }
}
