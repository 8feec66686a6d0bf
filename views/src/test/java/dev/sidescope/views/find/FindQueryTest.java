package dev.sidescope.views.find;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
          Set.of("SIDECAR_NOT_READY"));
  private static final NodeFacts ECS_ENVOY =
      new NodeFacts(
          "task/envoy",
          Set.of("envoy"),
          Optional.of("prod"),
          Optional.of("ecs"),
          Set.of("sidecar", "appmesh-envoy"),
          Set.of());

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
        .hasMessageContaining("ns:, kind:, finding: or platform:");
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
